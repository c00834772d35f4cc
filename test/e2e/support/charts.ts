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

type ChartHandle = { chart: { getOption(): { series: { data?: unknown[] }[] }; convertToPixel(finder: object, value: unknown): number[] } };

/** Every series' data as the chart holds it: tests pick the item to click from it. */
export async function chartSeriesData(page: Page, testId: string): Promise<unknown[][]> {
  return page.getByTestId(testId).evaluate((el) => (el as unknown as ChartHandle).chart.getOption().series.map((s) => s.data ?? []));
}

/**
 * Where on the page a chart drew one data item (or any value in a series' coordinates): the
 * chart's own coordinate conversion, so a test clicks a real point without guessing from axis bounds.
 */
export async function chartPixel(page: Page, testId: string, seriesIndex: number, value: unknown): Promise<{ x: number; y: number }> {
  return page.getByTestId(testId).evaluate(
    (el, [s, v]) => {
      const [x, y] = (el as unknown as ChartHandle).chart.convertToPixel({ seriesIndex: s }, v);
      const box = el.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    },
    [seriesIndex, value] as const,
  );
}
