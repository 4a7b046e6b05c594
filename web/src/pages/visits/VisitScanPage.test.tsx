// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api } from '../../api/client';
import VisitScanPage from './VisitScanPage';
import { loadQueue } from './visitForm';

const ME = { id: 'user-1', org: { id: 'org-1', name: '广州市市场监督管理局', regionCode: '440100' }, abilities: [] };
vi.mock('../../app/auth', () => ({ useMe: () => ME }));

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx';
const OFFICERS = [
  { id: '00000000-0000-4000-8000-000000000001', name: '李执法', userId: 'user-1', position: null },
  { id: '00000000-0000-4000-8000-000000000002', name: '王执法', userId: null, position: null },
];

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});

function mockLists() {
  vi.spyOn(api, 'get').mockImplementation(async (path: string) =>
    path === '/api/v1/officers' ? { data: OFFICERS, total: 2 } : { data: [], total: 0 },
  );
}

/** A button by its text (antd spaces two-character labels: 补 传); faster than a role query over antd's DOM. */
const button = (text: string | RegExp) =>
  screen.getByText(text, { selector: 'button, button *' }).closest('button') as HTMLElement;

const renderPage = () =>
  render(
    <App>
      <VisitScanPage />
    </App>,
  );

describe('扫码入企', () => {
  it('preselects the signed-in officer', async () => {
    mockLists();
    renderPage();
    const me = (await screen.findByLabelText('李执法')) as HTMLInputElement;
    await waitFor(() => expect(me.checked).toBe(true));
    expect((screen.getByLabelText('王执法') as HTMLInputElement).checked).toBe(false);
  });

  it('keeps a visit on the phone when the network fails, then sends it with capturedOffline and the reason', async () => {
    mockLists();
    const post = vi.spyOn(api, 'post').mockRejectedValueOnce(
      new ApiError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        code: 'network_error',
        detail: '网络异常',
      }),
    );
    renderPage();
    await waitFor(() => expect((screen.getByLabelText('李执法') as HTMLInputElement).checked).toBe(true));
    fireEvent.change(screen.getByLabelText('入企码'), { target: { value: `https://x/e/${TOKEN}` } });
    await act(async () => fireEvent.click(button('登记入企')));
    const reason = await screen.findByLabelText('离线原因');
    fireEvent.change(reason, { target: { value: '地下车间无信号' } });
    await act(async () => fireEvent.click(button('保存到本机')));
    await waitFor(() => expect(loadQueue('user-1')).toHaveLength(1));
    expect(await screen.findByText(/待补传的离线登记/)).toBeTruthy();
    post.mockResolvedValueOnce({ entityName: '某公司' });
    await act(async () => fireEvent.click(button(/补\s*传/)));
    await waitFor(() => expect(loadQueue('user-1')).toHaveLength(0));
    expect(post).toHaveBeenLastCalledWith(
      '/api/v1/visits',
      expect.objectContaining({
        entityToken: TOKEN,
        officerIds: [OFFICERS[0]?.id],
        capturedOffline: true,
        offlineReason: '地下车间无信号',
      }),
    );
  });
});
