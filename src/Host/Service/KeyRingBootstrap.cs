using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Names.Resolver.Service;

namespace Names.Host.Service;

/// <summary>
/// Runs before anything else at start: when the registry's key ring is empty, one instance (the one whose
/// <see cref="IKeyRingStore.ClaimFirstKeyAsync"/> wins) creates the first key and the others wait for it. Without this,
/// instances starting together on an empty registry would each create a key and load rings without the others' keys;
/// data protection re-reads its ring for an unknown key only in the first 2 minutes after start, so their cookies
/// would be refused by each other until the cached rings expire (24 h). Later keys are made the usual way: created
/// 2 days before they activate, so every instance has read them by then.
/// </summary>
public sealed class KeyRingBootstrap(IKeyRingStore store, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time, ILogger<KeyRingBootstrap> log)
    : IHostedService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a losing instance waits for the winner's key (the winner only has to write one row).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken ct)
    {
        if ((await store.ListKeyRingElementsAsync(ct)).Count > 0) return;
        if (await store.ClaimFirstKeyAsync(ct))
        {
            var now = time.GetUtcNow();
            keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
            return;
        }
        for (var waited = TimeSpan.Zero; waited < Patience; waited += Poll)
        {
            await Task.Delay(Poll, time, ct);
            if ((await store.ListKeyRingElementsAsync(ct)).Count > 0) return;
        }
        // The claiming instance stopped before writing its key: data protection creates one of its own on first use.
        log.LogWarning("The registry's data-protection key ring is still empty {Seconds} s after another instance claimed its first key; this instance creates its own.",
            Patience.TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
