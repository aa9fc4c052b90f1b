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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns the raw measurements of {@code run.sh} into the Markdown tables of RESULTS.md.
 * <ul>
 * <li>{@code Report RAW.tsv EXTRA.tsv}: prints the report.
 * <li>{@code Report --splice RESULTS.md SECTION REPORT.md}: replaces the text between
 * {@code <!-- BEGIN SECTION -->} and {@code <!-- END SECTION -->} in RESULTS.md.
 * </ul>
 */
public final class Report {

	private static final String[] APPS = { "nosec", "sample", "sample-i30", "stock", "hand-rolled" };

	private static final Map<String, String> APP_NAMES = Map.of("nosec", "no-security", "sample",
			"sample (this starter, inactive-ttl=0s)", "sample-i30", "sample, inactive-ttl=30s", "stock", "stock",
			"hand-rolled", "hand-rolled");

	private static final Map<String, String> CASE_NAMES = Map.of("public", "public endpoint", "single",
			"one token reused", "rotate", "10,000 tokens rotated (2nd pass)", "invalid", "invalid token repeated");

	private final List<Map<String, String>> rows = new ArrayList<>();

	private final List<String[]> extra = new ArrayList<>();

	private final StringBuilder out = new StringBuilder();

	private Report() {
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		if (args[0].equals("--splice")) {
			splice(Path.of(args[1]), args[2], Files.readString(Path.of(args[3])));
			return;
		}
		Report report = new Report();
		report.read(Path.of(args[0]), Path.of(args[1]));
		report.write();
		System.out.print(report.out);
	}

	static void splice(Path file, String section, String text) throws Exception {
		String begin = "<!-- BEGIN " + section + " (generated) -->";
		String end = "<!-- END " + section + " -->";
		String content = Files.exists(file) ? Files.readString(file) : "";
		int b = content.indexOf(begin);
		int e = content.indexOf(end);
		String block = begin + "\n" + text.strip() + "\n" + end;
		if (b >= 0 && e > b) {
			content = content.substring(0, b) + block + content.substring(e + end.length());
		}
		else {
			content = content + (content.endsWith("\n") || content.isEmpty() ? "" : "\n") + "\n" + block + "\n";
		}
		Files.writeString(file, content);
	}

	private void read(Path raw, Path extraFile) throws Exception {
		List<String> lines = Files.readAllLines(raw);
		String[] header = lines.get(0).split("\t");
		for (String line : lines.subList(1, lines.size())) {
			String[] values = line.split("\t", -1);
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.length && i < values.length; i++) {
				row.put(header[i], values[i]);
			}
			this.rows.add(row);
		}
		for (String line : Files.readAllLines(extraFile)) {
			if (!line.isBlank()) {
				this.extra.add(line.split("\t", -1));
			}
		}
	}

	private String meta(String key) {
		for (String[] e : this.extra) {
			if (e[0].equals("meta") && e[1].equals(key)) {
				return e[2];
			}
		}
		return "?";
	}

	private List<Map<String, String>> select(String app, String kase, String latency) {
		List<Map<String, String>> selected = new ArrayList<>();
		for (Map<String, String> row : this.rows) {
			if (row.get("app").equals(app) && row.get("case").equals(kase)
					&& (latency == null || row.get("latency_ms").equals(latency))) {
				selected.add(row);
			}
		}
		return selected;
	}

	private static double num(Map<String, String> row, String key) {
		String value = row.get(key);
		return (value == null || value.isEmpty()) ? Double.NaN : Double.parseDouble(value);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.removeIf((v) -> v.isNaN());
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private double medianOf(String app, String kase, String latency, String key) {
		List<Double> values = new ArrayList<>();
		for (Map<String, String> row : select(app, kase, latency)) {
			values.add(num(row, key));
		}
		return median(values);
	}

	/** Per-round ratios a/b of requests/s, then their median, min and max. */
	private double[] ratio(String appA, String caseA, String latA, String appB, String caseB, String latB) {
		return ratio(appA, caseA, latA, appB, caseB, latB, false);
	}

	/**
	 * Per-round ratios a/b of requests/s, or (cpu) of the app's CPU time per request b/a
	 * (how many requests a could serve with the CPU b spends on one), then their median,
	 * min and max.
	 */
	private double[] ratio(String appA, String caseA, String latA, String appB, String caseB, String latB,
			boolean cpu) {
		List<Double> ratios = new ArrayList<>();
		for (Map<String, String> a : select(appA, caseA, latA)) {
			for (Map<String, String> b : select(appB, caseB, latB)) {
				if (a.get("round").equals(b.get("round"))) {
					ratios.add(cpu ? num(b, "cpu_us_per_req") / num(a, "cpu_us_per_req")
							: num(a, "rps") / num(b, "rps"));
				}
			}
		}
		ratios.removeIf((r) -> r.isNaN() || r.isInfinite());
		if (ratios.isEmpty()) {
			return new double[] { Double.NaN, Double.NaN, Double.NaN };
		}
		return new double[] { median(ratios), Collections.min(ratios), Collections.max(ratios) };
	}

	private void line(String format, Object... args) {
		this.out.append(String.format(format, args)).append('\n');
	}

	private void write() {
		line("Run of %s, %s rounds x %s s per case (+%s s warm-up each), %s connections, %s wrk threads;"
				+ " took %s s.", meta("date"), meta("rounds"), meta("duration_s"), "2", meta("connections"),
				meta("threads"), meta("elapsed_s"));
		line("");
		line("- Machine: %s", meta("machine"));
		line("- Command: `%s`; every app: `java %s -jar ...`", meta("command"), meta("java_opts"));
		List<Double> loads = new ArrayList<>();
		this.rows.forEach((row) -> loads.add(num(row, "load1")));
		line("- 1-minute load average during the cases: median %.1f, max %.1f (2 cores; wrk, the app and the fake"
				+ " IdP share them, and so did any other work on the machine)", median(loads),
				loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
		line("");
		writeTargets();
		line("");
		writeTable();
		line("");
		writeExtras();
	}

	private void writeTargets() {
		line("### Targets (issue 4), medians of per-round ratios (min-max over rounds)");
		line("");
		line("| target | measured (requests/s ratio) | result | same ratio in app CPU time per request |");
		line("|---|---|---|---|");
		target("one token reused, IdP 20 ms: sample / sample's public endpoint >= 0.95",
				ratio("sample", "single", "20", "sample", "public", "20"), 0.95,
				ratio("sample", "single", "20", "sample", "public", "20", true));
		target("one token reused, IdP 20 ms: sample / no-security app >= 0.80",
				ratio("sample", "single", "20", "nosec", "single", "20"), 0.80,
				ratio("sample", "single", "20", "nosec", "single", "20", true));
		target("one token reused, IdP 20 ms: sample / stock >= 12",
				ratio("sample", "single", "20", "stock", "single", "20"), 12, null);
		target("invalid token repeated, inactive-ttl=0, IdP 20 ms: sample / stock >= 1",
				ratio("sample", "invalid", "20", "stock", "invalid", "20"), 1);
		target("invalid token repeated, inactive-ttl=0, IdP 0 ms: sample / stock >= 1",
				ratio("sample", "invalid", "0", "stock", "invalid", "0"), 1);
		target("invalid token repeated, inactive-ttl=30s: sample / its public endpoint >= 0.9",
				ratio("sample-i30", "invalid", "20", "sample-i30", "public", "20"), 0.9);
		target("10,000 tokens, 2nd pass: sample / sample one token >= 0.9",
				ratio("sample", "rotate", "20", "sample", "single", "20"), 0.9);
		double rotateCalls = 0;
		for (Map<String, String> row : select("sample", "rotate", null)) {
			rotateCalls += num(row, "idp_calls");
		}
		line("| 10,000 tokens, 2nd pass: IdP calls = 0 | %.0f | %s | |", rotateCalls,
				rotateCalls == 0 ? "PASS" : "FAIL");
		for (String[] e : this.extra) {
			if (e[0].equals("ttl")) {
				double seconds = Double.parseDouble(e[2]);
				long calls = Long.parseLong(e[3]);
				long lifetimes = (long) Math.ceil(seconds / Double.parseDouble(e[1]));
				line("| IdP calls for the reused token: 1 per cache lifetime | %d calls in %.1f s of load with"
						+ " cache.ttl=%ss (%d lifetimes) | %s | |", calls, seconds, e[1], lifetimes,
						(calls <= lifetimes && calls >= lifetimes - 1) ? "PASS" : "FAIL");
			}
			if (e[0].equals("single_token")) {
				line("| ... and in the main run (cache.ttl=60s) | %s calls for `valid-single` in %s s of rounds"
						+ " (%d lifetimes) | %s | |", e[2], e[1], (long) Math.ceil(Double.parseDouble(e[1]) / 60),
						Long.parseLong(e[2]) <= (long) Math.ceil(Double.parseDouble(e[1]) / 60) ? "PASS" : "FAIL");
			}
		}
		List<Double> burst = new ArrayList<>();
		for (String[] e : this.extra) {
			if (e[0].equals("burst") && e[1].equals("sample")) {
				burst.add(Double.parseDouble(e[3]));
			}
		}
		double burstMax = burst.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		line("| 32 concurrent first requests for one new token: 1 IdP call | max %.0f over %d tries | %s | |",
				burstMax, burst.size(), burstMax == 1 ? "PASS" : "FAIL");
		for (String[] e : this.extra) {
			if (e[0].equals("miss") && e[1].equals("sample")) {
				Map<String, String> kv = keyValues(e[2]);
				long added = Long.parseLong(kv.get("added_p50_us"));
				line("| miss path: what a never-seen token adds over an unauthenticated request and the IdP's own"
						+ " latency (20 ms), p50 < 1 ms | %,d µs (p90 %,d µs; p50s: miss %.1f ms, public endpoint %.1f ms,"
						+ " IdP called directly %.1f ms; %s sequential rounds; stock: %s) | %s | |", added,
						Long.parseLong(kv.get("added_p90_us")), Long.parseLong(kv.get("miss_p50_us")) / 1000.0,
						Long.parseLong(kv.get("public_p50_us")) / 1000.0, Long.parseLong(kv.get("idp_p50_us")) / 1000.0,
						kv.get("n"), stockMissAdded(), added < 1000 ? "PASS" : "FAIL");
				long connections = Long.parseLong(kv.get("new_idp_connections"));
				line("| miss path: connections kept alive, new IdP connections opened by the sample during those misses"
						+ " <= 1 | %d | %s | |", connections, connections <= 1 ? "PASS" : "FAIL");
			}
		}
		for (String[] e : this.extra) {
			if (e[0].equals("heap")) {
				Map<String, String> kv = keyValues(e[1]);
				long bytes = Long.parseLong(kv.get("bytes_per_entry"));
				line("| heap retained per cached entry, ~30-claim answer: <= 2 KB | %,d bytes (answer alone: %,d;"
						+ " the rest is the ready authentication) | %s | |", bytes,
						Long.parseLong(kv.get("answer_only_bytes")), bytes <= 2048 ? "PASS" : "FAIL");
			}
		}
		line("");
		line("For comparison (no target): hand-rolled one token / its public endpoint %s; hand-rolled / no-security"
				+ " %s; stock one token / its public endpoint %s; hand-rolled invalid token %s req/s vs stock %s"
				+ " req/s (IdP 20 ms).", fmt(ratio("hand-rolled", "single", "20", "hand-rolled", "public", "20")),
				fmt(ratio("hand-rolled", "single", "20", "nosec", "single", "20")),
				fmt(ratio("stock", "single", "20", "stock", "public", "20")),
				rps(medianOf("hand-rolled", "invalid", "20", "rps")), rps(medianOf("stock", "invalid", "20", "rps")));
	}

	private String stockMissAdded() {
		for (String[] e : this.extra) {
			if (e[0].equals("miss") && e[1].equals("stock")) {
				return String.format("%,d µs", Long.parseLong(keyValues(e[2]).get("added_p50_us")));
			}
		}
		return "n/a";
	}

	private static Map<String, String> keyValues(String text) {
		Map<String, String> kv = new LinkedHashMap<>();
		for (String part : text.trim().split("\\s+")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				kv.put(part.substring(0, eq), part.substring(eq + 1));
			}
		}
		return kv;
	}

	private void target(String name, double[] ratio, double min) {
		target(name, ratio, min, null);
	}

	private void target(String name, double[] ratio, double min, double[] cpu) {
		line("| %s | %s | %s | %s |", name, fmt(ratio),
				Double.isNaN(ratio[0]) ? "n/a" : (ratio[0] >= min ? "PASS" : "FAIL"), (cpu != null) ? fmt(cpu) : "");
	}

	private static String fmt(double[] ratio) {
		if (Double.isNaN(ratio[0])) {
			return "n/a";
		}
		String f = (ratio[0] >= 10) ? "%.1f" : "%.2f";
		return String.format(f + " x (" + f + "-" + f + ")", ratio[0], ratio[1], ratio[2]);
	}

	private static String rps(double value) {
		return Double.isNaN(value) ? "n/a" : String.format("%,.0f", value);
	}

	private void writeTable() {
		line("### All cases (medians over rounds)");
		line("");
		line("| app | case | IdP latency | requests/s | p50 | p99 | IdP calls / request | non-2xx | app CPU / request | RSS |");
		line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String app : APPS) {
			for (String kase : List.of("public", "single", "rotate", "invalid")) {
				TreeSet<String> latencies = new TreeSet<>((a, b) -> Integer.parseInt(b) - Integer.parseInt(a));
				select(app, kase, null).forEach((row) -> latencies.add(row.get("latency_ms")));
				for (String latency : latencies) {
					List<Map<String, String>> rs = select(app, kase, latency);
					double requests = 0;
					double calls = 0;
					double non2xx = 0;
					for (Map<String, String> row : rs) {
						requests += num(row, "requests");
						calls += num(row, "idp_calls");
						non2xx += num(row, "non2xx") + num(row, "socket_errors");
					}
					line("| %s | %s | %s | %s | %s | %s | %s | %s | %.0f µs | %.0f MB |", APP_NAMES.get(app), CASE_NAMES.get(kase),
							kase.equals("public") ? "-" : latency + " ms", rps(medianOf(app, kase, latency, "rps")),
							ms(medianOf(app, kase, latency, "p50_us")), ms(medianOf(app, kase, latency, "p99_us")),
							(requests > 0) ? String.format("%.4f", calls / requests) : "n/a",
							(requests > 0) ? String.format("%.0f %%", 100 * non2xx / requests) : "n/a",
							medianOf(app, kase, latency, "cpu_us_per_req"), medianOf(app, kase, latency, "rss_kb") / 1024);
				}
			}
		}
		line("");
		line("No-security has no token check: its \"one token reused\" row is `GET /api/hello` with the same"
				+ " `Authorization` header, ignored. Stock's rotation row has no first pass (it calls the IdP on"
				+ " every request anyway). Invalid-token rows are all 401s by design (non-2xx = 100 %%).");
	}

	private static String ms(double micros) {
		if (Double.isNaN(micros)) {
			return "n/a";
		}
		return (micros >= 100_000) ? String.format("%.0f ms", micros / 1000) : String.format("%.2f ms", micros / 1000);
	}

	private void writeExtras() {
		line("### One-off measurements");
		line("");
		Predicate<String[]> burst = (e) -> e[0].equals("burst");
		line("32 concurrent first requests for one new token (IdP 20 ms), IdP calls per try:");
		line("");
		for (String app : List.of("sample", "hand-rolled", "stock")) {
			List<String> calls = new ArrayList<>();
			String statuses = "";
			for (String[] e : this.extra) {
				if (burst.test(e) && e[1].equals(app)) {
					calls.add(e[3]);
					statuses = e[4];
				}
			}
			line("- %s: %s (answers of the last try: %s)", APP_NAMES.get(app), String.join(", ", calls), statuses);
		}
	}

}
