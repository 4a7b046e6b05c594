/**
 * What other modules may use of the target library: the `entities` table for foreign keys and read-only joins, and
 * the slot through which a higher module fills a part of the entity detail (GET /api/v1/entities/:id) without this
 * module importing it (dependency inversion: inspections and visits register their providers when they load).
 */
import type { EntityInspectionOut } from '../../../common/contracts/inspections.contract.js';
import type { EntityVisitOut } from '../../../common/contracts/visits.contract.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';

export { entities } from './entities.schema.js';
export { ENFORCEMENT_ORG_KINDS, entityPolicy, entityRegionInScope } from './entities.policy.js';

export type EntityInspectionsProvider = (db: Db, actor: Actor, entityId: string) => Promise<EntityInspectionOut[]>;

let inspectionsProvider: EntityInspectionsProvider | null = null;

/** Registers who lists an entity's inspection targets and results (module inspections). */
export function provideEntityInspections(p: EntityInspectionsProvider) {
  inspectionsProvider = p;
}

/** The entity's inspections the actor may see (empty while no module provides them). */
export const entityInspections = (db: Db, actor: Actor, entityId: string): Promise<EntityInspectionOut[]> =>
  inspectionsProvider ? inspectionsProvider(db, actor, entityId) : Promise.resolve([]);

export type EntityVisitsProvider = (db: Db, actor: Actor, entityId: string) => Promise<EntityVisitOut[]>;

let visitsProvider: EntityVisitsProvider | null = null;

/** Registers who lists an entity's entry scans (module visits). */
export function provideEntityVisits(p: EntityVisitsProvider) {
  visitsProvider = p;
}

/** The entity's visits the actor may see (empty while no module provides them). */
export const entityVisits = (db: Db, actor: Actor, entityId: string): Promise<EntityVisitOut[]> =>
  visitsProvider ? visitsProvider(db, actor, entityId) : Promise.resolve([]);
