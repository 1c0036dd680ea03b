import Testing
import WatopCore
@testable import WatopServer

@Suite struct MetricsTests {
    /// The exposition as `series → value`, e.g. `watop_events_total{status="sent",…}` → 1.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func get(_ target: String) -> String { ProviderWebhookTests.request("GET", target) }

    @Test func countersHistogramsAndGaugesFollowTheIntake() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.metrics = CallbackMetrics(maximumNumbers: 2, startedAt: UnixTime(seconds: 1_700_000_000))
        try await ListenerFixture.run(configuration) { client, _ in
            let callbacks = [
                "/callback?id=m1:0&status=sent&timestamp=1700000000&whatsapp_number=918000000001",
                "/callback?id=m1:0&status=delivered&timestamp=1700000004&whatsapp_number=918000000001&price=0.0085",
                "/callback?id=m1:0&status=read&timestamp=1700000064&whatsapp_number=918000000001",
                "/callback?id=m2:0&status=failed&error_code=131047&whatsapp_number=918000000002",
                "/callback?id=m3:0&status=sent&whatsapp_number=918000000003",
                "/callback?id=m4:0&status=delivered&price=0.01&whatsapp_number=918000000004",
                "/callback?id=m5:0&status=sent&price=abc",
            ]
            _ = try await client.exchange(callbacks.map(Self.get))
            _ = try await client.exchange([ProviderWebhookTests.request("POST", "/callback", body: ProviderWebhookTests.signedMetaBody)])
            let answer = try await client.exchange([Self.get("/metrics")]).responses[0]
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == ["text/plain; version=0.0.4; charset=utf-8"])
            let samples = Self.samples(answer.body)
            #expect(samples[#"watop_events_total{status="sent",provider="kaleyra",format="kaleyra-v1"}"#] == 2)
            #expect(samples[#"watop_events_total{status="delivered",provider="kaleyra",format="kaleyra-v1"}"#] == 2)
            #expect(samples[#"watop_events_total{status="sent",provider="meta",format="meta"}"#] == 1)
            #expect(samples[#"watop_error_events_total{code="131047"}"#] == 1)
            // Two numbers get their own series; the others are counted together.
            #expect(samples[#"watop_whatsapp_number_events_total{number="918000000001"}"#] == 3)
            #expect(samples[#"watop_whatsapp_number_events_total{number="918000000002"}"#] == 1)
            #expect(samples[#"watop_whatsapp_number_events_total{number="other"}"#] == 3)
            #expect(samples[#"watop_rejected_total{reason="invalid-price"}"#] == 1)
            #expect(samples[#"watop_rejected_total{reason="unauthorized"}"#] == 0)
            #expect(abs((samples["watop_reported_price_total"] ?? 0) - 0.0185) < 1e-9)
            #expect(samples["watop_priced_events_total"] == 2)
            #expect(samples["watop_sent_to_delivered_seconds_count"] == 1)
            #expect(samples["watop_sent_to_delivered_seconds_sum"] == 4)
            #expect(samples["watop_delivered_to_read_seconds_sum"] == 60)
            #expect(samples["watop_buffer_events"] == 7)
            #expect(samples["watop_buffer_capacity"] == 1000)
            let messages = ["seen": 5.0, "reached": 2, "read": 1, "failed": 1, "pending": 2, "evicted": 0]
            for (name, value) in messages { #expect(samples["watop_messages_\(name)"] == value, "\(name)") }
            #expect(samples["watop_start_time_seconds"] == 1_700_000_000)
            let buckets = samples.filter { $0.key.hasPrefix("watop_sent_to_delivered_seconds_bucket") }
            #expect(buckets.count == 13)
            #expect(buckets.filter { $0.value == 1 }.count == 11, "4 s falls in the 5 s bucket, every wider one and +Inf")
        }
    }

    @Test func distinctUnknownStatusesAndCodesCannotGrowTheExposition() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.metrics = CallbackMetrics(maximumNumbers: 0, startedAt: .now())
        try await ListenerFixture.run(configuration) { client, _ in
            let flood = (0..<300).map { Self.get("/callback?id=f\($0):0&status=weird\($0)&error_code=E\($0)") }
            _ = try await client.exchange(flood)
            let samples = Self.samples(try await client.exchange([Self.get("/metrics")]).responses[0].body)
            let statuses = samples.filter { $0.key.hasPrefix("watop_events_total") }
            #expect(statuses.count == CallbackMetrics.maximumOtherStatuses + 1)
            #expect(statuses[#"watop_events_total{status="other",provider="kaleyra",format="kaleyra-v1"}"#] == 280)
            #expect(samples.filter { $0.key.hasPrefix("watop_error_events_total") }.count == CallbackMetrics.maximumErrorCodes + 1)
            #expect(samples[#"watop_whatsapp_number_events_total{number="other"}"#] == 300)
        }
    }

    @Test func metricsNeedTheSameCredentialsAsCallbacks() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.metrics = CallbackMetrics(startedAt: .now())
        configuration.access = AccessPolicy(credentials: [.token("t0ken")])
        try await ListenerFixture.run(configuration) { client, _ in
            let answers = try await client.exchange([
                Self.get("/metrics"),
                ProviderWebhookTests.request("GET", "/metrics", headers: ["Authorization: Bearer t0ken"]),
                ProviderWebhookTests.request("POST", "/metrics"),
            ]).responses
            #expect(answers.map(\.status) == [401, 200, 405])
        }
    }

    @Test func withoutMetricsThePathIsUnknown() async throws {
        try await ListenerFixture.run { client, _ in
            let answer = try await client.exchange([Self.get("/metrics")]).responses[0]
            #expect(answer.status == 404)
        }
    }
}
