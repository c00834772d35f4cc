import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { echarts } from './echarts';
import { useColorScheme } from '../components/theme';
import type { ChartClick } from './common';

export type { ChartClick } from './common';


type Props = {
  option: EChartsOption;
  /** What the chart shows, for screen readers (charts are canvases). */
  label: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
  /**
   * A click anywhere inside the plot area, in data coordinates of the first grid: for charts whose
   * bands are regions rather than items (a line has no bar to hit).
   */
  onPlotClick?: (point: [number, number]) => void;
  /** Called once each new option has finished drawing (used to time threshold moves). */
  onRendered?: () => void;
  testId?: string;
};

/** A thin host for an ECharts instance: options come from the pure builders in src/charts/. */
export function Chart({ option, label, height = 320, onClick, onPlotClick, onRendered, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const scheme = useColorScheme();
  const handlers = useRef({ onClick, onPlotClick, onRendered });
  const drawing = useRef(false);

  useEffect(() => {
    handlers.current = { onClick, onPlotClick, onRendered };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = echarts.init(el, scheme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The browser suite and the UI bench click a given point by asking the chart where it drew it
    // (convertToPixel), instead of guessing pixels from axis bounds.
    Object.defineProperty(el, 'chart', { value: instance, configurable: true });
    // A click may navigate away and dispose this chart; doing that inside ECharts' own dispatch left
    // it reading its torn-down painter ("reading 'layerStack'"), so the handler runs just after.
    instance.on('click', (p) => {
      setTimeout(() => handlers.current.onClick?.(p as unknown as ChartClick), 0);
    });
    instance.getZr().on('click', (e) => {
      const at = [e.offsetX, e.offsetY];
      if (!handlers.current.onPlotClick || !instance.containPixel({ gridIndex: 0 }, at)) return;
      const point = instance.convertFromPixel({ gridIndex: 0 }, at) as [number, number];
      setTimeout(() => handlers.current.onPlotClick?.(point), 0);
    });
    // 'finished' also follows hovers and resizes; report only the first one after a new option.
    instance.on('finished', () => {
      if (!drawing.current) return;
      drawing.current = false;
      handlers.current.onRendered?.();
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.current = null;
      // Leaving the screen (the host is already out of the page): work zrender still has queued for
      // this frame (a hover, a refresh) would read the disposed painter ("reading 'layerStack'"),
      // so the instance goes a frame later. A theme switch keeps the host and re-creates at once.
      if (el.isConnected) instance.dispose();
      else requestAnimationFrame(() => instance.dispose());
    };
  }, [scheme]);

  useEffect(() => {
    if (!chart.current) return;
    // Set before setOption: without animation ECharts may finish inside the call.
    drawing.current = true;
    chart.current.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, scheme]);

  return <div ref={host} className={onClick || onPlotClick ? 'chart clickable' : 'chart'} role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}
