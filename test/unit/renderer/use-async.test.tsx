// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useAsync } from '../../../renderer/src/app/useAsync';
import { useServerQuery } from '../../../renderer/src/app/useServerQuery';

afterEach(cleanup);

/** A loader whose answers the test releases one at a time. */
function gate() {
  const waiting: ((v: string) => void)[] = [];
  return { load: () => new Promise<string>((resolve) => waiting.push(resolve)), release: (v: string) => waiting.shift()?.(v) };
}

describe('loading data for a screen', () => {
  it('says it is loading on every change of its inputs, keeping the last answer in view until the new one comes', async () => {
    const g = gate();
    const { result, rerender } = renderHook(({ q }) => useAsync(() => g.load(), [q]), { initialProps: { q: 'a' } });
    expect(result.current).toMatchObject({ data: null, loading: true });
    await act(async () => g.release('answer a'));
    expect(result.current).toMatchObject({ data: 'answer a', loading: false });
    rerender({ q: 'b' });
    expect(result.current).toMatchObject({ data: 'answer a', loading: true });
    await act(async () => g.release('answer b'));
    expect(result.current).toMatchObject({ data: 'answer b', loading: false });
  });

  it('drops an answer to inputs that have changed since it was asked', async () => {
    const g = gate();
    const { result, rerender } = renderHook(({ q }) => useAsync(() => g.load(), [q]), { initialProps: { q: 'a' } });
    rerender({ q: 'b' });
    await act(async () => g.release('late answer to a'));
    expect(result.current).toMatchObject({ data: null, loading: true });
    await act(async () => g.release('answer b'));
    expect(result.current).toMatchObject({ data: 'answer b', loading: false });
  });
});

describe("a capped table's query", () => {
  it('asks for a new order at once and for typed words once typing settles, saying meanwhile that the rows are not their answer', async () => {
    const { result } = renderHook(() => useServerQuery());
    act(() => result.current.onQueryChange({ search: '', sort: null }));
    expect(result.current).toMatchObject({ query: { search: '', sort: null }, settling: false });
    act(() => result.current.onQueryChange({ search: '', sort: { column: 'expected', dir: 'asc' } }));
    expect(result.current).toMatchObject({ query: { sort: { column: 'expected', dir: 'asc' } }, settling: false });
    act(() => result.current.onQueryChange({ search: 'taj', sort: { column: 'expected', dir: 'asc' } }));
    expect(result.current).toMatchObject({ query: { search: '' }, settling: true });
    await waitFor(() => expect(result.current).toMatchObject({ query: { search: 'taj' }, settling: false }));
  });
});
