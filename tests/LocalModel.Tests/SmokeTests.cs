namespace LocalModel.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works() => Assert.Equal(4, 2 + 2);
}
