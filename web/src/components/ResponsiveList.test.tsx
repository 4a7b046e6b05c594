// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListColumn, ResponsiveList } from './ResponsiveList';

interface Row {
  id: string;
  name: string;
  org: string | null;
}
const rows: Row[] = [
  { id: 'a', name: '甲公司', org: '广州市市场监督管理局' },
  { id: 'b', name: '乙公司', org: null },
];
const columns: ListColumn<Row>[] = [
  { key: 'name', title: '名称', dataIndex: 'name' },
  { key: 'org', title: '所属单位', dataIndex: 'org' },
  { key: 'actions', title: '操作', render: (_v, r) => <button type="button">详情：{r.name}</button> },
];

function show(width: number, data: Row[] = rows) {
  window.innerWidth = width;
  render(<ResponsiveList<Row> ariaLabel="测试列表" columns={columns} dataSource={data} rowKey={(r) => r.id} />);
}

afterEach(() => {
  cleanup();
  window.innerWidth = 1024;
});

describe('ResponsiveList (every console list)', () => {
  it('is a named table on a desktop, with a dash for an empty cell', () => {
    show(1366);
    const table = screen.getByRole('table', { name: '测试列表' });
    const cells = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['甲公司', '广州市市场监督管理局', '详情：甲公司', '乙公司', '—', '详情：乙公司']);
  });

  it('is a named list of cards on a phone: title, labelled fields, actions below', () => {
    show(390);
    expect(screen.queryByRole('table')).toBeNull();
    const region = screen.getByRole('region', { name: '测试列表' });
    const cards = within(region).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const second = within(cards[1] as HTMLElement);
    expect(second.getByText('乙公司')).toBeTruthy();
    // the field is labelled by its column title, the empty value shown as a dash
    expect(second.getByText('所属单位').nextSibling?.textContent).toBe('—');
    expect(second.getByRole('button', { name: '详情：乙公司' })).toBeTruthy();
  });

  it('says so when there is nothing to show', () => {
    show(390, []);
    expect(screen.getByText('暂无数据')).toBeTruthy();
  });
});
