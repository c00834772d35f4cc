// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { hasEarlierStep, trackHistorySteps } from '../../../renderer/src/features/explore/history-depth';

/** A click on a link in the workbench: a new history entry, then the hashchange the page hears. */
async function navigate(hash: string): Promise<void> {
  const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
  window.location.hash = hash;
  await changed;
}

async function back(): Promise<void> {
  const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
  window.history.back();
  await changed;
}

describe("Explore's Back stays in the workbench", () => {
  it('has no earlier step on the entry a bookmark opened, one after a drill-down, and none again once back', async () => {
    window.history.replaceState(null, '', '#/explore?territory=Metro');
    trackHistorySteps();
    expect(hasEarlierStep()).toBe(false);
    await navigate('#/explore?territory=Metro&tier=long-tail');
    expect(hasEarlierStep()).toBe(true);
    await back();
    expect(hasEarlierStep()).toBe(false);
  });
});
