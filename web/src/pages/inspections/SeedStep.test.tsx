// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InspectionTask } from '../../../../common/contracts/inspections.contract.js';
import { api } from '../../api/client';
import { SeedStep } from './DrawPage';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const task = (abilities: string[]) =>
  ({ id: '00000000-0000-4000-8000-000000000001', abilities }) as unknown as InspectionTask;

describe('the draw screen’s public seed (step 2)', () => {
  it('refuses an empty seed and sends nothing', async () => {
    const post = vi.spyOn(api, 'post');
    render(
      <App>
        <SeedStep task={task(['draw'])} onDrawn={() => {}} />
      </App>,
    );
    fireEvent.change(screen.getByLabelText('公开种子'), { target: { value: '   ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /公开抽取/ })));
    expect(await screen.findByText('公开种子不能为空')).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });

  it('shows the normalised seed for the witnesses, then draws with exactly that seed', async () => {
    const drawn = task([]);
    const post = vi.spyOn(api, 'post').mockResolvedValue(drawn);
    const onDrawn = vi.fn();
    render(
      <App>
        <SeedStep task={task(['draw'])} onDrawn={onDrawn} />
      </App>,
    );
    fireEvent.change(screen.getByLabelText('公开种子'), { target: { value: '  3 1 4 1 5 9\u3000' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /公开抽取/ })));
    expect((await screen.findByTestId('seed-confirm')).textContent).toBe('3 1 4 1 5 9');
    expect(post).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /确认并抽取/ })));
    await waitFor(() =>
      expect(post).toHaveBeenCalledWith('/api/v1/inspection-tasks/00000000-0000-4000-8000-000000000001/draw', {
        publicSeed: '3 1 4 1 5 9',
      }),
    );
    await waitFor(() => expect(onDrawn).toHaveBeenCalledWith(drawn));
  });

  it('without the draw ability only says who enters the seed', () => {
    render(
      <App>
        <SeedStep task={task([])} onDrawn={() => {}} />
      </App>,
    );
    expect(screen.queryByLabelText('公开种子')).toBeNull();
    expect(screen.getByText('等待抽取主持人在见证人面前录入公开种子')).toBeTruthy();
  });
});
