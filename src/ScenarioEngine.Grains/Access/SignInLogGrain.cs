using ScenarioEngine.Access;
using ScenarioEngine.Grains.AppendLog;

namespace ScenarioEngine.Grains.Access;

/// <summary>Refused sign-ins live in the append-only log, so the grain keeps only its cursor.</summary>
public sealed class SignInLogGrain(IAppendOnlyLog log) : Grain, ISignInLogGrain
{
    private const string Stream = "access|sign-in-failures";
    private const int MaxUserNameLength = 80;
    private const int MaxRead = 500;
    private long _cursor;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task Record(SignInFailure failure)
    {
        var kept = failure.UserName.Length > MaxUserNameLength ? failure with { UserName = failure.UserName[..MaxUserNameLength] + "…" } : failure;
        await log.AppendAsync(Stream, _cursor + 1, uniqueKey: null, LogJson.Serialize(kept));
        _cursor++;
    }

    public async Task<IReadOnlyList<SignInFailure>> Latest(int maxCount)
    {
        var count = Math.Clamp(maxCount, 1, MaxRead);
        var page = await log.ReadAfterAsync(Stream, Math.Max(0, _cursor - count), count);
        return page.Select(r => LogJson.Deserialize<SignInFailure>(r.Payload)).Reverse().ToList();
    }
}
