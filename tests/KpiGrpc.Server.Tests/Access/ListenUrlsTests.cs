using KpiGrpc.Server.Access;

namespace KpiGrpc.Server.Tests.Access;

public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("http://localhost:5051", true)]
    [InlineData("http://127.0.0.1:5051", true)]
    [InlineData("http://127.3.2.1:80", true)]
    [InlineData("http://[::1]:5051", true)]
    [InlineData("https://LOCALHOST:5051/", true)]
    [InlineData("http://0.0.0.0:5051", false)]
    [InlineData("http://[::]:5051", false)]
    [InlineData("http://*:5051", false)]
    [InlineData("http://+:5051", false)]
    [InlineData("http://10.0.0.5:5051", false)]
    [InlineData("http://kpi.example.com:5051", false)]
    public void IsLoopback_Url_OnlyLoopbackAddresses(string url, bool loopback) => Assert.Equal(loopback, ListenUrls.IsLoopback(url));
}
