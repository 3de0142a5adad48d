using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Plugins.Gui.Tests.Browser;

/// <summary>The operating-system process behind a Playwright browser, found through CDP's SystemInfo.getProcessInfo.</summary>
internal static class BrowserProcess
{
    public static async Task<int> IdAsync(IBrowser browser)
    {
        var session = await browser.NewBrowserCDPSessionAsync();
        var info = await session.SendAsync("SystemInfo.getProcessInfo");
        await session.DetachAsync();
        Assert.NotNull(info);
        return info.Value.GetProperty("processInfo").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "browser")
            .Select(p => p.GetProperty("id").GetInt32())
            .Single();
    }

    public static bool IsAlive(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            // A zombie (exited, not yet reaped) counts as gone.
            return !process.HasExited && !IsZombie(id);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitGoneAsync(int id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(id))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static bool IsZombie(int id)
    {
        try
        {
            var stat = System.IO.File.ReadAllText($"/proc/{id}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is "Z" or "X";
        }
        catch (System.IO.IOException)
        {
            return true;
        }
    }

}
