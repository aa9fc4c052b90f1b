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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the per-request records of {@code LoadTool fault} and the times the fake IdP was
 * stopped and listening again, and prints the phase table of the fault-injection run.
 * <p>
 * {@code FaultReport RECORDS.csv DOWN_EPOCH_MS UP_EPOCH_MS DESCRIPTION}
 */
public final class FaultReport {

	private FaultReport() {
	}

	record Request(long start, long end, String kind, int status) {
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		List<Request> requests = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(args[0]))) {
			if (line.startsWith("start_ms")) {
				continue;
			}
			String[] f = line.split(",");
			requests.add(new Request(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], Integer.parseInt(f[3])));
		}
		long down = Long.parseLong(args[1]);
		long up = Long.parseLong(args[2]);
		String description = (args.length > 3) ? args[3] : "";
		requests.sort((a, b) -> Long.compare(a.start, b.start));
		long first = requests.get(0).start;
		long last = requests.stream().mapToLong(Request::end).max().orElse(first);
		String[] phases = { "before", "down", "after" };
		Map<String, Map<String, Map<Integer, Integer>>> counts = new TreeMap<>();
		for (Request r : requests) {
			String phase = (r.start < down) ? "before" : (r.start < up) ? "down" : "after";
			counts.computeIfAbsent(phase + " " + r.kind, (k) -> new TreeMap<>())
				.computeIfAbsent(r.kind, (k) -> new TreeMap<>())
				.merge(r.status, 1, Integer::sum);
		}
		// recovery: from the IdP listening again until the end of the last uncached request
		// that was not a 200 (0 when the first one after the restart already was)
		long lastFailureEnd = up;
		long firstSuccess = -1;
		for (Request r : requests) {
			if (r.kind.equals("uncached") && r.start >= up) {
				if (r.status != 200) {
					lastFailureEnd = Math.max(lastFailureEnd, r.end);
				}
				else if (firstSuccess < 0) {
					firstSuccess = r.end;
				}
			}
		}
		long recovery = lastFailureEnd - up;
		int cachedNot200 = 0;
		int uncachedDownNot503 = 0;
		int uncachedDown = 0;
		int status500 = 0;
		int errors = 0;
		for (Request r : requests) {
			if (r.kind.equals("cached") && r.status != 200) {
				cachedNot200++;
			}
			if (r.kind.equals("uncached") && r.start >= down && r.end < up) {
				uncachedDown++;
				if (r.status != 503) {
					uncachedDownNot503++;
				}
			}
			if (r.status >= 500 && r.status != 503) {
				status500++;
			}
			if (r.status < 0) {
				errors++;
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format("%s%n%n", description));
		out.append(String.format("Timeline (s from the first request): load %.1f-%.1f, IdP stopped at %.1f, listening again"
				+ " at %.1f (down %.1f s).%n%n", 0.0, (last - first) / 1000.0, (down - first) / 1000.0,
				(up - first) / 1000.0, (up - down) / 1000.0));
		out.append("| phase | tokens | requests | by status |\n|---|---|---:|---|\n");
		for (String phase : phases) {
			for (String kind : List.of("cached", "uncached")) {
				Map<String, Map<Integer, Integer>> byKind = counts.get(phase + " " + kind);
				Map<Integer, Integer> statuses = (byKind != null) ? byKind.get(kind) : Map.of();
				int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
				StringBuilder by = new StringBuilder();
				statuses.forEach((status, n) -> by.append(by.length() > 0 ? ", " : "")
					.append(status < 0 ? "no answer" : status)
					.append(": ")
					.append(n));
				out.append(String.format("| %s | %s | %d | %s |%n", phase, kind, total, by));
			}
		}
		out.append(String.format("%n| check | measured | result |%n|---|---|---|%n"));
		out.append(String.format("| cached tokens get 200 throughout | %d non-200 | %s |%n", cachedNot200,
				cachedNot200 == 0 ? "PASS" : "FAIL"));
		out.append(String.format("| uncached tokens get 503 while the IdP is down | %d of %d requests sent and"
				+ " answered while down were not 503 | %s |%n", uncachedDownNot503, uncachedDown,
				(uncachedDownNot503 == 0 && uncachedDown > 0) ? "PASS" : "FAIL"));
		out.append(String.format("| recovers by itself within 2 s of the IdP returning | last failed uncached request"
				+ " ended %d ms after the IdP was back; first 200 after %d ms | %s |%n", recovery,
				firstSuccess < 0 ? -1 : firstSuccess - up, (recovery <= 2000 && firstSuccess > 0) ? "PASS" : "FAIL"));
		out.append(String.format("| no request gets a 500 (or any 5xx but 503), none unanswered | %d 5xx other than"
				+ " 503, %d unanswered | %s |%n", status500, errors, (status500 == 0 && errors == 0) ? "PASS" : "FAIL"));
		System.out.print(out);
	}

}
