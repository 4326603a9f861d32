using OptOutConsole.Core.Inbound;

namespace OptOutConsole.Tests.Core.Inbound;

public sealed class TwiMLTests
{
    [Theory]
    [InlineData(null, "<Response/>")]
    [InlineData("", "<Response/>")]
    [InlineData("You are unsubscribed.", "<Response><Message>You are unsubscribed.</Message></Response>")]
    [InlineData("Tom & Jerry <3 \"quotes\" 'too'", "<Response><Message>Tom &amp; Jerry &lt;3 \"quotes\" 'too'</Message></Response>")]
    [InlineData("Arrêt 👍", "<Response><Message>Arrêt 👍</Message></Response>")]
    [InlineData("bad\u0001char", "<Response><Message>badchar</Message></Response>")]
    public void Message_Reply_ExactTwiML(string? reply, string expected)
    {
        var xml = TwiML.Message(reply);

        Assert.Equal(expected, xml);
        Assert.NotNull(System.Xml.Linq.XDocument.Parse(xml));
    }
}
