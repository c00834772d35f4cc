import type { Page } from 'playwright-core';

/** Waits until every chart on the page has drawn something (no blank canvases). */
export async function chartsDrawn(page: Page, timeout = 30_000): Promise<number> {
  await page.waitForFunction(
    () => {
      const hosts = [...document.querySelectorAll('.chart')];
      if (hosts.length === 0) return false;
      return hosts.every((host) => {
        const canvas = host.querySelector('canvas');
        if (!canvas || canvas.width === 0) return false;
        const ctx = canvas.getContext('2d');
        if (!ctx) return false;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 16) if (data[i] !== 0) return true;
        return false;
      });
    },
    undefined,
    { timeout },
  );
  return page.locator('.chart').count();
}
