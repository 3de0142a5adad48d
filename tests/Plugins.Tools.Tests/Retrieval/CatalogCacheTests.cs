using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval;

public sealed class CatalogCacheTests
{
    [Fact]
    public async Task GetOrCreateAsync_OverCapacity_DropsTheOldestCatalogue()
    {
        // Arrange
        var cache = new CatalogCache<string>(2);
        var computed = 0;
        Task<string> Factory(Plugins.Tools.Catalog.ToolCatalog c)
        {
            Interlocked.Increment(ref computed);
            return Task.FromResult(c.Tools[0].Name);
        }

        var a = TestCatalogs.Of("a");
        var b = TestCatalogs.Of("b");
        var c = TestCatalogs.Of("c");

        // Act
        await cache.GetOrCreateAsync(a, Factory, CancellationToken.None);
        await cache.GetOrCreateAsync(b, Factory, CancellationToken.None);
        await cache.GetOrCreateAsync(b, Factory, CancellationToken.None);
        await cache.GetOrCreateAsync(c, Factory, CancellationToken.None);
        var again = await cache.GetOrCreateAsync(a, Factory, CancellationToken.None);

        // Assert: a, b, c computed once each; a again after it was dropped for c.
        Assert.Equal("a", again);
        Assert.Equal(4, computed);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task GetOrCreateAsync_FailedComputation_IsRetried()
    {
        // Arrange
        var cache = new CatalogCache<string>(4);
        var calls = 0;
        Task<string> Factory(Plugins.Tools.Catalog.ToolCatalog c) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first fails") : Task.FromResult("ok");
        var catalog = TestCatalogs.Of("a");

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrCreateAsync(catalog, Factory, CancellationToken.None));
        var value = await cache.GetOrCreateAsync(catalog, Factory, CancellationToken.None);

        // Assert
        Assert.Equal("ok", value);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task GetOrCreateAsync_WaiterCancelled_ComputationContinuesForOthers()
    {
        // Arrange
        var cache = new CatalogCache<string>(4);
        var release = new TaskCompletionSource();
        var calls = 0;
        async Task<string> Factory(Plugins.Tools.Catalog.ToolCatalog c)
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            return "done";
        }

        var catalog = TestCatalogs.Of("a");
        using var cancel = new CancellationTokenSource();

        // Act
        var cancelled = cache.GetOrCreateAsync(catalog, Factory, cancel.Token);
        var other = cache.GetOrCreateAsync(catalog, Factory, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult();

        // Assert
        Assert.Equal("done", await other);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void GetOrCreate_ConcurrentSyncCalls_ComputeOnce()
    {
        // Arrange
        var cache = new CatalogCache<string>(4);
        var calls = 0;
        var catalog = TestCatalogs.Of("a");

        // Act
        var values = Enumerable.Range(0, 16).AsParallel().Select(_ => cache.GetOrCreate(catalog, c =>
        {
            Interlocked.Increment(ref calls);
            Thread.Sleep(20);
            return "x";
        })).ToArray();

        // Assert
        Assert.All(values, v => Assert.Equal("x", v));
        Assert.Equal(1, calls);
    }
}
