using System.Threading.RateLimiting;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>The per-device call budget behind the hub's rate limit (the hub-level behaviour is in DeviceQuotaTests).</summary>
public sealed class DeviceBucketsTests
{
    private static DeviceBuckets Buckets(int burst, int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
    });

    [Fact]
    public void A_device_gets_its_burst_then_is_refused_and_another_device_is_not_affected()
    {
        using var buckets = Buckets(burst: 5, perSecond: 1);

        var granted = Enumerable.Range(0, 8).Count(_ => buckets.TryAcquire("phone-a"));

        Assert.Equal(5, granted);
        Assert.False(buckets.TryAcquire("phone-a"));
        Assert.True(buckets.TryAcquire("phone-b"));
        Assert.Equal(2, buckets.Count);
    }

    [Fact]
    public async Task Many_threads_spending_one_devices_budget_at_once_get_exactly_the_burst()
    {
        using var buckets = Buckets(burst: 100, perSecond: 1);
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                if (buckets.TryAcquire("flooder"))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        // 1,600 attempts within well under a second: the burst, plus at most what a second's refill adds.
        Assert.InRange(granted, 100, 101);
    }

    [Fact]
    public async Task A_spent_budget_comes_back_at_the_configured_rate()
    {
        using var buckets = Buckets(burst: 2, perSecond: 20);
        Assert.True(buckets.TryAcquire("phone"));
        Assert.True(buckets.TryAcquire("phone"));
        Assert.False(buckets.TryAcquire("phone"));

        // 20 a second is one every 50 ms; the shared timer adds what has accrued every 100 ms.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!buckets.TryAcquire("phone"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the bucket never refilled");
            await Task.Delay(20);
        }
    }
}
