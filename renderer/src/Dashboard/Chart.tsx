import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { init, use as registerParts } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useWorkspaceStore } from '../state/workspace-context';

registerParts([
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

const WIDTH = 640;

/** The chart as an SVG document, drawn off screen by the same library. */
function svgOf(option: EChartsCoreOption, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/**
 * One figure of the dashboard: drawn on a canvas, saved as PNG or as SVG.
 * `title` names the figure for assistive technology and the file.
 */
export function Chart({
  title,
  fileName,
  option,
  csv,
  height = 320,
}: {
  title: string;
  fileName: string;
  option: EChartsCoreOption;
  /** The figures behind the picture, for the CSV button. */
  csv?: () => string;
  height?: number;
}) {
  const store = useWorkspaceStore();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const drawn = init(host.current, null, { renderer: 'canvas', width: WIDTH, height, devicePixelRatio: 2 });
    drawn.setOption({ ...option, animation: false });
    chart.current = drawn;
    return () => {
      drawn.dispose();
      chart.current = null;
    };
  }, [option, height]);

  const save = (format: 'png' | 'svg') => {
    // PNG: every layer of the on-screen chart composed at twice its size, on white.
    const content =
      format === 'svg'
        ? svgOf(option, height)
        : chart.current
            ?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
            .replace(/^data:image\/png;base64,/, '');
    if (!content) return;
    void store.saveFile({
      fileName: `${fileName}.${format}`,
      mediaType: format === 'svg' ? 'image/svg+xml' : 'image/png',
      content,
      encoding: format === 'svg' ? 'utf8' : 'base64',
    });
  };

  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        <span>{title}</span>
        <button type="button" onClick={() => save('png')}>
          PNG
        </button>
        <button type="button" onClick={() => save('svg')}>
          SVG
        </button>
        {csv && (
          <button
            type="button"
            onClick={() =>
              void store.saveFile({
                fileName: `${fileName}.csv`,
                mediaType: 'text/csv',
                content: csv(),
                encoding: 'utf8',
              })
            }
          >
            CSV
          </button>
        )}
      </figcaption>
      <div ref={host} className="chart-canvas" role="img" aria-label={title} style={{ width: WIDTH, height }} />
    </figure>
  );
}
