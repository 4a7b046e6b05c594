// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { ReasonModal } from './ReasonModal';

afterEach(cleanup);

function open(onSubmit: (reason: string) => Promise<void>) {
  render(
    <App>
      <ReasonModal open title="暂扣证件" label="暂扣原因" onSubmit={onSubmit} onClose={() => {}} />
    </App>,
  );
  return { field: screen.getByLabelText('暂扣原因'), ok: screen.getByRole('button', { name: /确\s*定/ }) };
}

describe('ReasonModal (the reason every recorded action asks for)', () => {
  it('refuses an empty or one-character reason and sends nothing', async () => {
    const onSubmit = vi.fn(async () => {});
    const { field, ok } = open(onSubmit);
    await act(async () => fireEvent.click(ok));
    expect(await screen.findByText('请填写暂扣原因')).toBeTruthy();
    fireEvent.change(field, { target: { value: ' 甲 ' } });
    await act(async () => fireEvent.click(ok));
    expect(await screen.findByText('暂扣原因至少 2 个字')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the reason trimmed', async () => {
    const onSubmit = vi.fn(async () => {});
    const { field, ok } = open(onSubmit);
    fireEvent.change(field, { target: { value: '  证件持有人涉嫌违法  ' } });
    await act(async () => fireEvent.click(ok));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('证件持有人涉嫌违法'));
  });

  it('shows the server’s refusal under the field it names, and keeps what was typed', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        code: 'validation_failed',
        detail: '请求体有误：reason：原因过于简单',
        errors: [{ path: 'reason', message: '原因过于简单' }],
      });
    });
    const { field, ok } = open(onSubmit);
    fireEvent.change(field, { target: { value: '无' + '理由' } });
    await act(async () => fireEvent.click(ok));
    expect(await screen.findByText('原因过于简单')).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe('无理由');
  });
});
