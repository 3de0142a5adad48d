namespace Plugins.Gui.Tests.Grounding.Ocr;

/// <summary>Hand-written pages for the OCR tests: text in several fonts, sizes and colours, light on dark too.</summary>
internal static class OcrTestPages
{
    public const string SignIn = """
        <!doctype html>
        <html><head><style>
          body { margin: 0; font-family: sans-serif; background: #fff; color: #222; }
          nav { background: #1f2937; color: #f9fafb; padding: 12px 24px; display: flex; gap: 28px; font-size: 15px; }
          nav .right { margin-left: auto; }
          main { padding: 24px; display: grid; grid-template-columns: 1fr 1fr; gap: 32px; }
          h1 { font-family: serif; font-size: 30px; margin: 0 0 12px; }
          label { display: block; margin: 12px 0 4px; font-size: 14px; }
          input { width: 260px; padding: 6px; font-size: 14px; }
          .primary { background: #2563eb; color: #fff; border: 0; border-radius: 6px; padding: 10px 22px; font-size: 15px; margin-top: 16px; }
          .ghost { background: #fff; color: #111; border: 1px solid #999; border-radius: 4px; padding: 6px 12px; font: 13px monospace; }
          .small { font-size: 11px; color: #666; }
          .card { border: 1px solid #ddd; border-radius: 8px; padding: 16px; font-family: Georgia, serif; }
          table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 4px 10px; }
        </style></head><body>
        <nav><span>Home</span><span>Products</span><span>Pricing</span><span>Contact</span><span class="right">Help center</span></nav>
        <main>
          <section>
            <h1>Welcome back</h1>
            <label for="email">Email address</label><input id="email" placeholder="you@example.com">
            <label for="password">Password</label><input id="password" type="password">
            <div><button id="signin" class="primary">Sign in</button></div>
            <p class="small">By signing in you accept the terms of service.</p>
          </section>
          <section>
            <div class="card"><b>Order summary</b><p>Blue widget, quantity 3</p><button id="checkout" class="ghost">Checkout now</button></div>
            <table><tr><th>Name</th><th>Price</th></tr><tr><td>Widget</td><td>12.00</td></tr><tr><td>Gadget</td><td>8.50</td></tr></table>
            <p><button id="cancel" class="ghost">Cancel order</button> <a href="#">Forgot your password?</a></p>
          </section>
        </main>
        </body></html>
        """;

    /// <summary>Text drawn on a canvas: there is no DOM text to read.</summary>
    public const string Canvas = """
        <!doctype html>
        <html><body style="margin:0;background:#fff">
        <canvas id="c" width="800" height="400"></canvas>
        <script>
          const g = document.getElementById('c').getContext('2d');
          g.fillStyle = '#fff'; g.fillRect(0, 0, 800, 400);
          g.fillStyle = '#333'; g.font = '20px sans-serif'; g.fillText('Remote desktop', 40, 50);
          g.fillStyle = '#0a7d32'; g.fillRect(520, 280, 160, 48);
          g.fillStyle = '#fff'; g.font = 'bold 18px sans-serif'; g.fillText('Start session', 540, 311);
          g.fillStyle = '#222'; g.font = '16px serif'; g.fillText('Settings', 40, 150); g.fillText('Shut down', 40, 200);
        </script>
        </body></html>
        """;
}
