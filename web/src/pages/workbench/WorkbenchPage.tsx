import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Task, TaskKind } from '../../../../common/contracts/workbench.contract.js';
import { api, errorMessage } from '../../api/client';
import { PAGES } from '../../app/access';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { listDrafts, removeDraftByKey, type StoredDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';

/** The lists of 工作台, in the order an officer works them. */
const GROUPS: { key: string; title: string; kinds: TaskKind[]; empty: string }[] = [
  { key: 'steps', title: '待办', kinds: ['step'], empty: '没有等待您办理的案件步骤' },
  { key: 'deadlines', title: '办案期限', kinds: ['deadline'], empty: '五个工作日内没有到期的案件' },
  { key: 'publish', title: '待公示', kinds: ['publish'], empty: '没有待公示的决定' },
  {
    key: 'supervision',
    title: '执法监督',
    kinds: ['overdue_case', 'late_publication'],
    empty: '辖区内没有超期案件或逾期公示',
  },
];

/** Abilities that give the account a to-do list of its own (an org admin and the administrators have none). */
const TASK_ABILITIES = ['case.tasks_assigned', 'case.tasks_org', 'case.tasks_review', 'case.supervise'];

function dueText(t: Task): string | null {
  if (!t.dueAt) return null;
  // a civil date (publish by) or a moment (decision deadline)
  return t.dueAt.length === 10 ? `${t.dueAt} 前` : `${formatDateTime(t.dueAt)} 前`;
}

function TaskItem({ t }: { t: Task }) {
  const due = dueText(t);
  return (
    <List.Item data-testid="task" data-kind={t.kind}>
      <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
        <Space wrap size={6}>
          <Link to={t.href} data-testid="task-link">
            <Typography.Text strong style={{ color: 'inherit' }}>
              {t.title}
            </Typography.Text>{' '}
            · {t.number ?? '（未编号）'} {t.partyName}
          </Link>
          {t.overdue ? <Tag color="red">已逾期</Tag> : null}
          <Tag>{t.stateLabel}</Tag>
        </Space>
        <Typography.Text style={{ fontSize: 13 }}>{t.reason}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[t.itemName, t.orgName, due ? `期限 ${due}` : null].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 工作台: what waits for the signed-in user now, each entry linked to its record; drafts not yet sent. */
export default function WorkbenchPage() {
  const me = useMe();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const [drafts, setDrafts] = useState<StoredDraft[]>(() => listDrafts(me.id));
  const business = TASK_ABILITIES.some((a) => mayDo(me, a));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is bumped by 刷新 to fetch again.
  useEffect(() => {
    if (!business) return;
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<{ data: Task[] }>('/api/v1/me/tasks', undefined, ctrl.signal)
      .then((res) => {
        setTasks(res.data);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [business, nonce]);

  const dropDraft = useCallback(
    (key: string) => {
      removeDraftByKey(key);
      setDrafts(listDrafts(me.id));
    },
    [me.id],
  );
  const pages = useMemo(
    () => PAGES.filter((p) => p.key !== 'workbench' && p.key !== 'profile' && p.allowed(me.roles)),
    [me.roles],
  );
  const groups = GROUPS.map((g) => ({ ...g, list: (tasks ?? []).filter((t) => g.kinds.includes(t.kind)) })).filter(
    (g) => g.list.length > 0 || g.key === 'steps' || (g.key === 'supervision' && mayDo(me, 'case.supervise')),
  );
  const waiting = (tasks ?? []).filter((t) => t.kind === 'step').length;

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              工作台
            </Typography.Title>
            <Typography.Text type="secondary">
              {me.displayName}，{me.org.name}
              {business && tasks ? ` · ${waiting} 项待办` : ''}
            </Typography.Text>
          </div>
          {business ? (
            <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)} loading={loading}>
              刷新
            </Button>
          ) : null}
        </Flex>
      </Card>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {drafts.length > 0 ? (
        <Card size="small" title="未提交的草稿" data-testid="drafts">
          <List
            dataSource={drafts}
            renderItem={(d) => (
              <List.Item
                actions={[
                  <Button key="drop" type="link" size="small" onClick={() => dropDraft(d.key)}>
                    删除
                  </Button>,
                ]}
              >
                <Link to={d.href}>{d.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {formatDateTime(d.savedAt)} 保存
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {business
        ? groups.map((g) => (
            <Card
              key={g.key}
              size="small"
              title={`${g.title}${g.list.length ? `（${g.list.length}）` : ''}`}
              data-testid={`tasks-${g.key}`}
            >
              <section aria-label={g.title}>
                {g.list.length > 0 ? (
                  <List dataSource={g.list} renderItem={(t) => <TaskItem t={t} />} />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={loading ? '加载中…' : g.empty} />
                )}
              </section>
            </Card>
          ))
        : null}
      <Card size="small" title="常用功能">
        <nav aria-label="常用功能">
          <Space wrap size={[16, 8]}>
            {pages.map((p) => (
              <Link key={p.key} to={p.path}>
                {p.label}
              </Link>
            ))}
          </Space>
        </nav>
      </Card>
    </Flex>
  );
}
