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

package io.github.introspection.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.introspection.cache.Fleet.Replica;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The shared tier against a real Redis server: two replicas (two caches, each with its
 * own connection) in front of one counting identity provider.
 */
@ExtendWith(RedisServerExtension.class)
class SharedTierRedisTests {

	private static final String TOKEN = "T0ken-alpha";

	private Fleet fleet;

	private RedisClient client;

	private RedisCommands<byte[], byte[]> redis;

	@BeforeEach
	void start() {
		this.fleet = new Fleet();
		this.client = RedisClient.create("redis://127.0.0.1:" + RedisServerExtension.port());
		StatefulRedisConnection<byte[], byte[]> connection = this.client.connect(ByteArrayCodec.INSTANCE);
		this.redis = connection.sync();
		this.redis.flushall();
	}

	@AfterEach
	void stop() throws Exception {
		this.fleet.close();
		this.client.shutdown();
	}

	@Test
	void aReplicaFindsTheAnswerAnotherGotInRedisAndTheLocalTierAnswersAfter() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		OAuth2AuthenticatedPrincipal fromIdp = a.introspect(TOKEN);
		OAuth2AuthenticatedPrincipal fromRedis = b.introspect(TOKEN);
		assertThat(this.fleet.idp.calls()).isEqualTo(1);
		assertThat(fromRedis.getName()).isEqualTo(fromIdp.getName());
		assertThat(fromRedis.getAttributes()).isEqualTo(fromIdp.getAttributes());
		assertThat(List.copyOf(fromRedis.getAuthorities())).isEqualTo(List.copyOf(fromIdp.getAuthorities()));
		assertThat(b.introspect(TOKEN)).isSameAs(fromRedis);
		assertThat(b.cache().sharedStatistics().hits()).isEqualTo(1);
		assertThat(a.cache().sharedStatistics().misses()).isEqualTo(1);
		assertThat(this.fleet.idp.calls()).isEqualTo(1);
	}

	@Test
	void redisHoldsNeitherTheTokenNorAClaimInTheClear() {
		this.fleet.replica().introspect(TOKEN);
		List<byte[]> keys = this.redis.keys("*".getBytes(StandardCharsets.UTF_8));
		assertThat(keys).isNotEmpty();
		for (byte[] key : keys) {
			String name = new String(key, StandardCharsets.UTF_8);
			assertThat(name).startsWith("fleet:").doesNotContain(TOKEN).doesNotContain("user-");
			if (name.startsWith("fleet:a:")) {
				String value = new String(this.redis.get(key), StandardCharsets.ISO_8859_1);
				assertThat(value).doesNotContain(TOKEN).doesNotContain("user-").doesNotContain("SCOPE_");
			}
		}
	}

	@Test
	void anEntryExpiresInRedisAtTheTokensExpNeverLater() {
		this.fleet.idp.exp = Instant.now().plusSeconds(3);
		this.fleet.replica().introspect(TOKEN);
		long ttl = this.redis.pttl(answerKey());
		assertThat(ttl).isBetween(1L, 3000L);
	}

	@Test
	void anEntryWithoutExpLivesTheTtlInRedis() {
		this.fleet.replica().introspect(TOKEN);
		assertThat(this.redis.pttl(answerKey())).isBetween(50_000L, 60_000L);
	}

	@Test
	void inactiveAnswersAreSharedOnlyWithAnInactiveTtl() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> a.introspect("bad-1"));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> b.introspect("bad-1"));
		assertThat(this.fleet.idp.calls()).isEqualTo(2);
		Replica c = this.fleet.replica(Fleet.SECRET, null, Duration.ofSeconds(30));
		Replica d = this.fleet.replica(Fleet.SECRET, null, Duration.ofSeconds(30));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> c.introspect("bad-2"));
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> d.introspect("bad-2"));
		assertThat(this.fleet.idp.calls()).isEqualTo(3);
		assertThat(d.cache().sharedStatistics().hits()).isEqualTo(1);
	}

	@Test
	void anAlteredValueIsRefusedAndCountedAndTheIdpAsked() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		a.introspect(TOKEN);
		byte[] key = answerKey();
		byte[] value = this.redis.get(key);
		value[value.length - 20] ^= 1;
		this.redis.set(key, value);
		OAuth2AuthenticatedPrincipal principal = b.introspect(TOKEN);
		assertThat(principal.getName()).isEqualTo("user-" + TOKEN);
		assertThat(this.fleet.idp.calls()).isEqualTo(2);
		assertThat(b.cache().sharedStatistics().refused()).isEqualTo(1);
	}

	@Test
	void aValueSealedUnderAnotherSecretOrForAnotherKeyIsRefused() {
		Replica a = this.fleet.replica();
		Replica other = this.fleet.replica(Fleet.OTHER_SECRET, null, Duration.ZERO);
		a.introspect(TOKEN);
		byte[] alpha = answerKey();
		a.introspect("T0ken-beta");
		List<byte[]> keys = this.redis.keys("fleet:a:*".getBytes(StandardCharsets.UTF_8));
		byte[] beta = keys.stream().filter((key) -> !java.util.Arrays.equals(key, alpha)).findFirst().orElseThrow();
		// a's value for beta moved under alpha's key: bound to another key
		this.redis.set(alpha, this.redis.get(beta));
		Replica b = this.fleet.replica();
		assertThat(b.introspect(TOKEN).getName()).isEqualTo("user-" + TOKEN);
		assertThat(b.cache().sharedStatistics().refused()).isEqualTo(1);
		// a's value planted under the key the other secret names the token by
		other.introspect("T0ken-gamma");
		byte[] gamma = this.redis.keys("fleet:a:*".getBytes(StandardCharsets.UTF_8))
			.stream()
			.filter((key) -> !java.util.Arrays.equals(key, alpha) && !java.util.Arrays.equals(key, beta))
			.findFirst()
			.orElseThrow();
		this.redis.set(gamma, this.redis.get(beta));
		Replica otherB = this.fleet.replica(Fleet.OTHER_SECRET, null, Duration.ZERO);
		assertThat(otherB.introspect("T0ken-gamma").getName()).isEqualTo("user-T0ken-gamma");
		assertThat(otherB.cache().sharedStatistics().refused()).isEqualTo(1);
	}

	@Test
	void duringARotationTheFormerSecretIsReadButNeverWritten() {
		Replica old = this.fleet.replica();
		old.introspect(TOKEN);
		Replica rotated = this.fleet.replica(Fleet.OTHER_SECRET, Fleet.SECRET, Duration.ZERO);
		assertThat(rotated.introspect(TOKEN).getName()).isEqualTo("user-" + TOKEN);
		assertThat(this.fleet.idp.calls()).isEqualTo(1);
		rotated.introspect("T0ken-new");
		assertThat(this.fleet.idp.calls()).isEqualTo(2);
		// written under the current secret only: a replica on the former one misses it
		Replica stillOld = this.fleet.replica();
		stillOld.introspect("T0ken-new");
		assertThat(this.fleet.idp.calls()).isEqualTo(3);
		Replica rotatedToo = this.fleet.replica(Fleet.OTHER_SECRET, null, Duration.ZERO);
		rotatedToo.introspect("T0ken-new");
		assertThat(this.fleet.idp.calls()).isEqualTo(3);
	}

	@Test
	void concurrentFirstLookupsOnTwoReplicasMakeOneIdpCall() throws Exception {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		this.fleet.idp.delayMillis = 300;
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<OAuth2AuthenticatedPrincipal>> answers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Replica replica = (i % 2 == 0) ? a : b;
				answers.add(pool.submit(() -> {
					go.await();
					return replica.introspect(TOKEN);
				}));
			}
			go.countDown();
			for (Future<OAuth2AuthenticatedPrincipal> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS).getName()).isEqualTo("user-" + TOKEN);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.fleet.idp.calls()).isEqualTo(1);
	}

	@Test
	void evictingATokenReachesTheOtherReplicasLocalTierWithinASecond() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		b.introspect(TOKEN);
		a.introspect(TOKEN);
		assertThat(b.holdsLocally(TOKEN)).isTrue();
		assertThat(a.cache().evictToken(TOKEN)).isTrue();
		await().atMost(Duration.ofSeconds(1)).until(() -> !b.holdsLocally(TOKEN));
		b.introspect(TOKEN);
		assertThat(this.fleet.idp.calls()).isEqualTo(2);
	}

	@Test
	void evictingASubjectAClientOrASessionReachesEveryReplicaWithinASecond() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		List<Runnable> evictions = List.of(() -> a.cache().evictSubject("user-t1"),
				() -> a.cache().evictClient("client-t2"), () -> a.cache().evictSession("sid-t3"));
		String[] tokens = { "t1", "t2", "t3" };
		for (int i = 0; i < tokens.length; i++) {
			String token = tokens[i];
			a.introspect(token);
			b.introspect(token);
			b.introspect("untouched");
			int calls = this.fleet.idp.calls();
			evictions.get(i).run();
			await().atMost(Duration.ofSeconds(1)).until(() -> !b.holdsLocally(token) && !a.holdsLocally(token));
			assertThat(b.holdsLocally("untouched")).isTrue();
			// gone from Redis too: the next replica asks the identity provider
			this.fleet.replica().introspect(token);
			assertThat(this.fleet.idp.calls()).isEqualTo(calls + 1);
		}
	}

	@Test
	void evictingEverythingReachesEveryReplica() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		b.introspect(TOKEN);
		a.cache().evictAll();
		await().atMost(Duration.ofSeconds(1)).until(() -> !b.holdsLocally(TOKEN));
		assertThat(this.redis.keys("fleet:a:*".getBytes(StandardCharsets.UTF_8))).isEmpty();
	}

	@Test
	void whenRedisStopsEveryRequestIsStillAnsweredAndTheSharedTierComesBack() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		a.introspect(TOKEN);
		RedisServerExtension.stop();
		try {
			// a local hit, and misses answered by the identity provider, never an error
			assertThat(a.introspect(TOKEN).getName()).isEqualTo("user-" + TOKEN);
			for (int i = 0; i < 10; i++) {
				assertThat(b.introspect("down-" + i).getName()).isEqualTo("user-down-" + i);
			}
			assertThat(b.cache().sharedStatistics().errors()).isPositive();
			assertThat(b.cache().sharedStatistics().available()).isFalse();
		}
		finally {
			RedisServerExtension.start();
		}
		int calls = this.fleet.idp.calls();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
			String token = "after-" + System.nanoTime();
			a.introspect(token);
			b.introspect(token);
			return b.cache().sharedStatistics().hits() > 0;
		});
		assertThat(this.fleet.idp.calls()).isGreaterThan(calls);
	}

	@Test
	void theSharedTiersMetersCountHitsMissesAndRefusals() {
		Replica a = this.fleet.replica();
		Replica b = this.fleet.replica();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new IntrospectionCacheMetrics(b.cache()).bindTo(registry);
		a.introspect(TOKEN);
		b.introspect(TOKEN);
		b.introspect("T0ken-beta");
		assertThat(registry.get("introspection.cache.shared.lookups").tag("result", "hit").functionCounter().count())
			.isEqualTo(1);
		assertThat(registry.get("introspection.cache.shared.lookups").tag("result", "miss").functionCounter().count())
			.isEqualTo(1);
		assertThat(registry.get("introspection.cache.shared.available").gauge().value()).isEqualTo(1);
	}

	private byte[] answerKey() {
		List<byte[]> keys = this.redis.keys("fleet:a:*".getBytes(StandardCharsets.UTF_8));
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

}
