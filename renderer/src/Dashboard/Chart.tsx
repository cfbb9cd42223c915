import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
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

/** PNG bytes in base64 from the on-screen chart, at twice its size. */
function pngOf(element: HTMLElement): string | null {
  const canvas = element.querySelector('canvas');
  if (!canvas) return null;
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(canvas, 0, 0);
  return copy.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
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
  useEffect(() => {
    if (!host.current) return;
    const chart = init(host.current, null, { renderer: 'canvas', width: WIDTH, height, devicePixelRatio: 2 });
    chart.setOption({ ...option, animation: false });
    return () => chart.dispose();
  }, [option, height]);

  const save = (format: 'png' | 'svg') => {
    const content = format === 'svg' ? svgOf(option, height) : host.current && pngOf(host.current);
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
