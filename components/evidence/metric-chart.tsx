"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { TimeMarker } from "@/lib/evidence/types";

export interface ChartLine {
  label: string;
  color: string;
  /** Dashed, for a line that often lies on top of another (a subset of it). */
  dashed?: boolean;
  /** One value per x (null: no datapoint). */
  values: Array<number | null>;
}

export interface MetricChartProps {
  title: string;
  /** Bucket starts, epoch seconds. */
  xs: number[];
  lines: ChartLine[];
  markers: TimeMarker[];
  unit?: string;
}

const MARKER_COLORS: Record<TimeMarker["kind"], string> = { "mode-switch": "#d97706", publish: "#4f46e5" };

/** Draws each marker as a dashed vertical line across the plot, where it falls on the time axis. */
function markersPlugin(markers: TimeMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1.5 * devicePixelRatio;
        for (const m of markers) {
          const x = u.valToPos(Date.parse(m.at) / 1000, "x", true);
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.strokeStyle = MARKER_COLORS[m.kind];
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/**
 * One time-series chart (uPlot, canvas; loaded only where charts are shown). The canvas is
 * decorative for assistive technology: the figure's caption sums each line up, and the data and
 * the markers are available as a table.
 */
export default function MetricChart({ title, xs, lines, markers, unit }: MetricChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: 180,
        legend: { show: true },
        scales: { x: { time: true } },
        axes: [{}, { label: unit, size: 50 }],
        series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, spanGaps: false, ...(l.dashed ? { dash: [6, 4] } : {}) }))],
        plugins: [markersPlugin(markers)],
      },
      [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [xs, lines, markers, unit]);

  const visibleMarkers = markers.filter((m) => Date.parse(m.at) / 1000 >= (xs[0] ?? 0));
  const summary = lines.map((l) => `${l.label}: ${summarise(l.values, unit)}`).join("; ");
  return (
    <figure className="space-y-2" aria-label={title}>
      <figcaption className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {title} <span className="font-normal text-muted">— {summary}</span>
      </figcaption>
      <div ref={host} aria-hidden data-testid="metric-chart" />
      <details className="text-xs">
        <summary className="cursor-pointer text-muted">Data table{visibleMarkers.length ? ` and ${visibleMarkers.length} marked events` : ""}</summary>
        <table className="mt-1 w-full text-left">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {lines.map((l) => (
                <th key={l.label} scope="col">
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xs.map((x, i) =>
              lines.some((l) => l.values[i]) ? (
                <tr key={x}>
                  <td>{new Date(x * 1000).toLocaleString()}</td>
                  {lines.map((l) => (
                    <td key={l.label}>{l.values[i] ?? "—"}</td>
                  ))}
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
        {visibleMarkers.length ? (
          <ul className="mt-1 list-disc pl-4">
            {visibleMarkers.map((m) => (
              <li key={`${m.at}-${m.label}`}>
                {new Date(m.at).toLocaleString()}: {m.label}
              </li>
            ))}
          </ul>
        ) : null}
      </details>
    </figure>
  );
}

function summarise(values: Array<number | null>, unit?: string): string {
  const present = values.filter((v): v is number => v !== null);
  if (unit) return present.length ? `up to ${Math.round(Math.max(...present))} ${unit}` : "no data";
  return `${present.reduce((a, b) => a + b, 0).toLocaleString()} in range`;
}
