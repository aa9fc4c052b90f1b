/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the headline comparison of a {@code run.sh} report as an SVG bar chart:
 * requests/s per case for the starter, the hand-rolled cache, stock Spring and the app
 * without security. Reads the "All cases" table that {@link Report} writes, from a report
 * or from RESULTS.md, so it needs nothing but the JDK: <pre>
 * java -cp tools bench.Chart REPORT.md OUT.svg                 (run.sh)
 * java tools/src/main/java/bench/Chart.java RESULTS.md OUT.svg  (no build)
 * </pre>
 */
public final class Chart {

	// app label in the report -> label in the chart, colour; in the order of the bars
	private static final String[][] APPS = { { "sample (this starter, inactive-ttl=0s)", "starter", "#1f6fb4" },
			{ "hand-rolled", "hand-rolled cache", "#e69526" }, { "stock", "stock Spring Boot", "#8c8c8c" },
			{ "no-security", "no security (no token check)", "#4aa35a" } };

	private static final int WIDTH = 960;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 70;

	private static final int PLOT_HEIGHT = 300;

	private static final int BAR = 34;

	private static final int GAP = 3;

	private Chart() {
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		String report = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
		Files.writeString(Path.of(args[1]), render(report), StandardCharsets.UTF_8);
	}

	static String render(String report) {
		Map<String, Map<String, Double>> cases = cases(report);
		if (cases.isEmpty()) {
			throw new IllegalArgumentException("no \"All cases\" table in the report");
		}
		double max = cases.values().stream().flatMap((bars) -> bars.values().stream()).max(Double::compare).get();
		double step = niceStep(max / 5);
		double top = Math.ceil(max / step) * step;
		int groupWidth = (WIDTH - LEFT - RIGHT) / cases.size();
		int height = TOP + PLOT_HEIGHT + 70;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
						+ "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
		svg.append(String.format("<text x=\"%d\" y=\"22\" font-size=\"16\" font-weight=\"bold\">"
				+ "Requests/s per case (medians over rounds; higher is better)</text>%n", LEFT));
		svg.append(
				String.format("<text x=\"%d\" y=\"40\" fill=\"#555555\">%s</text>%n", LEFT, escape(runLine(report))));
		legend(svg);
		for (double tick = 0; tick <= top + step / 2; tick += step) {
			double y = y(tick, top);
			svg.append(String.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n", LEFT, y,
					WIDTH - RIGHT, y, (tick == 0) ? "#333333" : "#e3e3e3"));
			svg.append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%s</text>%n",
					LEFT - 6, y + 4, thousands(tick)));
		}
		int group = 0;
		for (Map.Entry<String, Map<String, Double>> entry : cases.entrySet()) {
			Map<String, Double> bars = entry.getValue();
			int x0 = LEFT + group * groupWidth + (groupWidth - bars.size() * (BAR + GAP)) / 2;
			int bar = 0;
			for (String[] app : APPS) {
				Double rps = bars.get(app[0]);
				if (rps == null) {
					continue;
				}
				int x = x0 + bar * (BAR + GAP);
				double y = y(rps, top);
				svg.append(String.format(
						"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s requests/s</title></rect>%n",
						x, y, BAR, y(0, top) - y, app[2], escape(app[1]), escape(entry.getKey().replace("\n", ", ")),
						thousands(rps)));
				svg.append(
						String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
								x + BAR / 2, y - 4, thousands(rps)));
				bar++;
			}
			int center = LEFT + group * groupWidth + groupWidth / 2;
			String[] label = entry.getKey().split("\n");
			for (int i = 0; i < label.length; i++) {
				svg.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", center,
						TOP + PLOT_HEIGHT + 18 + 15 * i, escape(label[i])));
			}
			group++;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	/**
	 * The requests/s of the charted apps by case (and IdP latency), from the "All cases"
	 * table; a case is charted when at least two of the apps have it.
	 */
	private static Map<String, Map<String, Double>> cases(String report) {
		Map<String, Map<String, Double>> cases = new LinkedHashMap<>();
		boolean inTable = false;
		for (String line : report.split("\n")) {
			if (line.startsWith("### All cases")) {
				inTable = true;
				continue;
			}
			if (!inTable) {
				continue;
			}
			if (!line.startsWith("|")) {
				if (!cases.isEmpty()) {
					break;
				}
				continue;
			}
			String[] cells = line.split("\\|");
			// | app | case | IdP latency | requests/s | ...
			if (cells.length < 5 || cells[1].trim().equals("app") || cells[1].trim().startsWith("---")) {
				continue;
			}
			String app = cells[1].trim();
			if (appLabel(app) == null) {
				continue;
			}
			String latency = cells[3].trim();
			// "10,000 tokens rotated (2nd pass)" on two lines, the IdP latency on a third
			String name = cells[2].trim().replace(" (", "\n(") + (latency.equals("-") ? "" : "\nIdP " + latency);
			cases.computeIfAbsent(name, (key) -> new LinkedHashMap<>())
				.put(app, Double.parseDouble(cells[4].trim().replace(",", "")));
		}
		cases.values().removeIf((bars) -> bars.size() < 2);
		return cases;
	}

	private static String appLabel(String app) {
		for (String[] known : APPS) {
			if (known[0].equals(app)) {
				return known[1];
			}
		}
		return null;
	}

	private static void legend(StringBuilder svg) {
		int x = LEFT;
		for (String[] app : APPS) {
			svg.append(String.format("<rect x=\"%d\" y=\"50\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, app[2]));
			svg.append(String.format("<text x=\"%d\" y=\"60\">%s</text>%n", x + 17, escape(app[1])));
			x += 40 + app[1].length() * 7;
		}
	}

	// "Run of 2026-11-28 13:41 UTC, 3 rounds x 8 s per case (+2 s warm-up each), ..."
	private static String runLine(String report) {
		Matcher run = Pattern.compile("(?m)^Run of ([^,]+), (\\d+ rounds? x \\d+ s per case)").matcher(report);
		return run.find() ? "benchmarks/run.sh, run of " + run.group(1) + ", " + run.group(2) : "benchmarks/run.sh";
	}

	private static double y(double value, double top) {
		return TOP + PLOT_HEIGHT - value / top * PLOT_HEIGHT;
	}

	private static double niceStep(double raw) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (factor * magnitude >= raw) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String thousands(double value) {
		return String.format(Locale.ROOT, "%,d", Math.round(value));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
