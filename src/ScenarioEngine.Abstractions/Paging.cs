namespace ScenarioEngine;

/// <summary>
/// Reads every page of an append-only stream (events, responses, disclosures). The one cursor
/// rule: the streams are numbered 1, 2, 3 … without gaps (each append takes the tail + 1), so the
/// next page starts after as many records as were read. A page shorter than asked for ends the
/// stream, which is why <paramref name="pageSize"/> must not exceed what the source serves per call.
/// </summary>
public static class Paging
{
    /// <summary>The most records a grain serves per paged call.</summary>
    public const int MaxPageSize = 500;

    public static async IAsyncEnumerable<T> ReadAll<T>(Func<long, int, Task<IReadOnlyList<T>>> readAfter, int pageSize, long after = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        while (true)
        {
            var page = await readAfter(after, pageSize);
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after += page.Count;
        }
    }

    public static async Task<List<T>> ReadAllToListAsync<T>(Func<long, int, Task<IReadOnlyList<T>>> readAfter, int pageSize)
    {
        var all = new List<T>();
        await foreach (var item in ReadAll(readAfter, pageSize))
        {
            all.Add(item);
        }

        return all;
    }
}
