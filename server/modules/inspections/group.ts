/** Rows grouped by their entity, in their order: a task's assignments and results per target without a scan each. */
export function byEntity<T extends { entityId: string }>(rows: readonly T[]): (entityId: string) => T[] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.entityId);
    if (list) list.push(r);
    else map.set(r.entityId, [r]);
  }
  return (entityId) => map.get(entityId) ?? [];
}
