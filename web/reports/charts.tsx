/**
 * Charts drawn on the server as SVG: no charting script, nothing to load, and the same markup
 * for every browser. Each chart is an image with a title and a description; its numbers are in
 * the table the page puts beside it, which is what assistive technology reads.
 */

export type Series = { name: string; colour: string; values: number[] };

// NHS.UK palette: blue, dark blue, warm yellow, with a legend naming each.
export const COLOURS = { blue: '#005eb8', darkBlue: '#003087', yellow: '#ffb81c', red: '#d5281b' } as const;

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 56, left: 48 };

/** A rounded-up axis maximum with four gridlines on whole numbers. */
function axisMax(values: number[]): number {
  const max = Math.max(1, ...values);
  const step = Math.max(1, Math.ceil(max / 4));
  return step * 4;
}

/** Grouped bars: one group per category (a week), one bar per series. */
export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
}) {
  const { id, categories, series } = props;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = axisMax(series.flatMap((s) => s.values));
  const groupWidth = plotWidth / Math.max(1, categories.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  // Every label when they fit; otherwise every nth, so a year of weeks stays legible.
  const labelEvery = Math.ceil(categories.length / 13);
  return (
    <svg
      class="carepath-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 24}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      id={id}
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      {[0, 1, 2, 3, 4].map((i) => {
        const value = (max / 4) * i;
        return (
          <g>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} stroke="#d8dde0" />
            <text x={MARGIN.left - 6} y={y(value) + 4} text-anchor="end" font-size="12" fill="#4c6272">
              {String(value)}
            </text>
          </g>
        );
      })}
      {categories.map((category, c) => (
        <g>
          {series.map((s, i) => {
            const value = s.values[c] ?? 0;
            return (
              <rect
                x={MARGIN.left + c * groupWidth + groupWidth * 0.1 + i * barWidth}
                y={y(value)}
                width={Math.max(1, barWidth - 1)}
                height={y(0) - y(value)}
                fill={s.colour}
              />
            );
          })}
          {c % labelEvery === 0 && (
            <text
              x={MARGIN.left + c * groupWidth + groupWidth / 2}
              y={HEIGHT - MARGIN.bottom + 16}
              text-anchor="middle"
              font-size="11"
              fill="#212b32"
            >
              {category}
            </text>
          )}
        </g>
      ))}
      <Legend series={series} y={HEIGHT - 8} />
    </svg>
  );
}

/** Horizontal bars, one per item, largest first: capacity hotspots. */
export function HorizontalBarChart(props: {
  id: string;
  title: string;
  description: string;
  items: { label: string; value: number }[];
  colour: string;
}) {
  const { id, items } = props;
  const rowHeight = 28;
  const labelWidth = 260;
  const height = Math.max(1, items.length) * rowHeight + 16;
  const max = axisMax(items.map((i) => i.value));
  const barSpace = WIDTH - labelWidth - 56;
  return (
    <svg
      class="carepath-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      id={id}
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      {items.map((item, i) => {
        const top = 8 + i * rowHeight;
        const width = (item.value / max) * barSpace;
        return (
          <g>
            <text x={labelWidth - 8} y={top + 18} text-anchor="end" font-size="12" fill="#212b32">
              {item.label.length > 38 ? `${item.label.slice(0, 37)}…` : item.label}
            </text>
            <rect x={labelWidth} y={top + 4} width={Math.max(1, width)} height={rowHeight - 10} fill={props.colour} />
            <text x={labelWidth + width + 6} y={top + 18} font-size="12" fill="#212b32">
              {String(item.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Legend({ series, y }: { series: Series[]; y: number }) {
  let x = MARGIN.left;
  return (
    <g>
      {series.map((s) => {
        const at = x;
        x += 24 + s.name.length * 7 + 24;
        return (
          <g>
            <rect x={at} y={y - 10} width="12" height="12" fill={s.colour} />
            <text x={at + 18} y={y} font-size="12" fill="#212b32">
              {s.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}
