import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  testId?: string;
  label?: string;
}

/**
 * One ECharts instance on a div: created on mount, given the option (replacing the previous
 * one), resized with its container and disposed on unmount.
 */
export function EChart({ option, height, testId, label }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}
