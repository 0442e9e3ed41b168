using System.Security.Cryptography;
using ScenarioEngine.Access;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Access;

[GenerateSerializer]
public sealed class SigningKeyState
{
    [Id(0)] public byte[]? Key { get; set; }
}

/// <summary>
/// Makes the token-signing key once and keeps it in grain storage, so every web node signs and
/// checks tokens alike and devices stay signed in across restarts when storage is durable.
/// </summary>
public sealed class SigningKeyGrain(
    [PersistentState("signingkey", StorageNames.Grains)] IPersistentState<SigningKeyState> state) : Grain, ISigningKeyGrain
{
    public async Task<byte[]> GetOrCreate()
    {
        if (state.State.Key is null)
        {
            state.State.Key = RandomNumberGenerator.GetBytes(32);
            await state.WriteStateAsync();
        }

        return state.State.Key;
    }
}
