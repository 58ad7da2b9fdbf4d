import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { backend, renderDetails, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();

const SVG_URL = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;
const succeeded = (title: string, type = 'image') =>
  makeTask({ title, type, status: 'succeeded', stages: stagesAt(4), startedAt: iso(T0), finishedAt: iso(T0 + 60_000) });

// jsdom has no object URLs; the panel makes one for a text download and must revoke it.
const createObjectURL = vi.fn((_blob: Blob) => 'blob:http://localhost/result-1');
const revokeObjectURL = vi.fn((_url: string) => undefined);
beforeEach(() => {
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});
afterEach(() => {
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
});

describe('the result of a succeeded task', () => {
  it('previews an image with the title as alt text and offers a download with a sensible file name', async () => {
    const task = succeeded('Lighthouse at dusk!');
    backend.results.set(task.id, { kind: 'image', url: SVG_URL, meta: { format: 'svg', width: 1, height: 1 } });
    renderDetails([task]);
    const image = await screen.findByRole('img', { name: 'Lighthouse at dusk!' });
    expect(image).toHaveAttribute('src', SVG_URL);
    const download = screen.getByRole('link', { name: 'Download' });
    expect(download).toHaveAttribute('href', SVG_URL);
    expect(download).toHaveAttribute('download', 'lighthouse-at-dusk.svg');
  });

  it('does not link a result URL that could run script', async () => {
    const task = succeeded('Sneaky');
    backend.results.set(task.id, { kind: 'image', url: 'javascript:alert(1)', meta: {} });
    const { container } = renderDetails([task]);
    await screen.findByRole('heading', { name: 'Result' });
    await waitFor(() => expect(screen.queryByText('Loading the result…')).toBeNull());
    expect(container.querySelector('img, a[href^="javascript"]')).toBeNull();
  });

  it('shows a text result in a scrollable block with a Blob download that is revoked on unmount', async () => {
    const task = succeeded('Summary: Q3', 'text');
    const text = 'Line one\n<b>not bold</b>\nLine three';
    backend.results.set(task.id, { kind: 'text', text, meta: {} });
    const view = renderDetails([task]);
    const block = await screen.findByLabelText('Result text');
    expect(block.tagName).toBe('PRE');
    expect(block.textContent).toBe(text);
    const download = screen.getByRole('link', { name: 'Download' });
    expect(download).toHaveAttribute('href', 'blob:http://localhost/result-1');
    expect(download).toHaveAttribute('download', 'summary-q3.txt');
    const blob = createObjectURL.mock.calls[0]![0];
    expect(await blob.text()).toBe(text);
    expect(blob.type).toMatch(/^text\/plain/);

    view.unmount();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/result-1');
  });

  it('shows nothing while the server answers 409 (result not ready yet)', async () => {
    const task = succeeded('Not yet');
    renderDetails([task]);
    await screen.findByRole('heading', { name: 'Not yet' });
    await waitFor(() => expect(screen.queryByText('Loading the result…')).toBeNull());
    expect(screen.queryByRole('heading', { name: 'Result' })).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('does not ask for a result while the task is still running', async () => {
    renderDetails([makeTask({ title: 'Busy' })]);
    await screen.findByRole('heading', { name: 'Busy' });
    expect(screen.queryByRole('heading', { name: 'Result' })).toBeNull();
  });
});
