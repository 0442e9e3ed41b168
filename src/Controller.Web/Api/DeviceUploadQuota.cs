using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Api;

public enum UploadQuotaVerdict
{
    Allowed,
    TooMany,
    TooManyBytes,
}

/// <summary>
/// Counts each device's uploads (files and bytes) through this node, so one leaked join code
/// cannot fill the attachment store. Kept in memory: a device spread over M web nodes gets at most
/// M times the quota, and a node restart forgives it; both still bound what it can store.
/// </summary>
public sealed class DeviceUploadQuota(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<string, Used> _used = new(StringComparer.Ordinal);

    /// <summary>Takes one file of <paramref name="bytes"/> from the device's quota, or refuses without taking anything.</summary>
    public UploadQuotaVerdict TryTake(string deviceId, long bytes)
    {
        var limits = options.Value;
        var used = _used.GetOrAdd(deviceId, _ => new Used());
        lock (used)
        {
            if (used.Files + 1 > limits.MaxUploadsPerDevice)
            {
                return UploadQuotaVerdict.TooMany;
            }

            if (used.Bytes + bytes > limits.MaxUploadBytesPerDevice)
            {
                return UploadQuotaVerdict.TooManyBytes;
            }

            used.Files++;
            used.Bytes += bytes;
            return UploadQuotaVerdict.Allowed;
        }
    }

    private sealed class Used
    {
        public int Files { get; set; }

        public long Bytes { get; set; }
    }
}
