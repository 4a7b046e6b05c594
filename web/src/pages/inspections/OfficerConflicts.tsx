/**
 * An officer's declared conflicts of interest (回避) on the officer's page, with 申报回避. Shown only when the server
 * lets the caller read them (the officer's own org, supervisors of its region); the server decides who may declare.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Conflict } from '../../../../common/contracts/inspections.contract.js';
import { api } from '../../api/client';
import { allows } from '../../app/abilities';
import { formatDateTime } from '../../components/format';
import { ConflictModal } from './ConflictModal';

export function OfficerConflicts({ officer }: { officer: { id: string; name: string } }) {
  const [conflicts, setConflicts] = useState<{ data: Conflict[]; abilities: string[] } | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is bumped by reload() to fetch again.
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<{ data: Conflict[]; abilities: string[] }>(
        `/api/v1/officers/${encodeURIComponent(officer.id)}/conflicts`,
        undefined,
        ctrl.signal,
      )
      .then((r) => setConflicts(r))
      .catch(() => {
        if (!ctrl.signal.aborted) setConflicts(null);
      });
    return () => ctrl.abort();
  }, [officer.id, nonce]);

  if (!conflicts) return null;
  return (
    <Card
      size="small"
      title={<h3 style={{ margin: 0, fontSize: 15 }}>回避申报</h3>}
      extra={
        allows(conflicts, 'declare') ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDeclaring(true)}>
            申报回避
          </Button>
        ) : null
      }
    >
      {conflicts.data.length === 0 ? (
        <Typography.Text>未申报与检查对象的利害关系</Typography.Text>
      ) : (
        <List
          dataSource={conflicts.data}
          rowKey="id"
          renderItem={(c) => (
            <List.Item>
              <div>
                <div>
                  {c.entityName}（{c.uscc}）：{c.reason}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {c.declaredByName} 于 {formatDateTime(c.declaredAt)} 申报
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <ConflictModal open={declaring} officer={officer} onClose={() => setDeclaring(false)} onSaved={reload} />
    </Card>
  );
}
