// ECharts with only the parts Rove's pages draw (tree-shaken), rendered as SVG.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };

/** Resizes the charts with the window; the returned function disposes them and stops listening. */
export function chartsLifetime(charts: echarts.ECharts[]): () => void {
  const onResize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    charts.forEach((c) => c.dispose());
  };
}
