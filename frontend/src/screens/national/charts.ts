// The chart types only the national screens draw (forest plots): registered with the shared ECharts core
// here, so they load with these screens and nothing else grows.
import * as echarts from "echarts/core";
import { CustomChart, ScatterChart } from "echarts/charts";

echarts.use([CustomChart, ScatterChart]);

export { Chart, type ChartOption } from "../../components/Chart";

/** Colours that keep 3:1 contrast on white and stay apart for common colour-vision deficiencies. */
export const PALETTE = ["#b2182b", "#2166ac", "#5e3c99", "#1b7837", "#8c510a", "#01665e", "#d6604d", "#4d4d4d"];
