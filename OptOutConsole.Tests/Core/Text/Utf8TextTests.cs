using System.Text;
using OptOutConsole.Core.Text;

namespace OptOutConsole.Tests.Core.Text;

public sealed class Utf8TextTests
{
    [Fact]
    public void TryDecode_Latin1AccentOnLineTwo_NullWithByteAndLine()
    {
        var bytes = Encoding.Latin1.GetBytes("STOP\nArr\u00eat\n");

        var text = Utf8Text.TryDecode(bytes, out var error);

        Assert.Null(text);
        Assert.Contains("byte 0xEA at line 2 (byte 9)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_Utf8WithByteOrderMark_TextWithoutTheMark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Arr\u00eat \U0001F600")).ToArray();

        var text = Utf8Text.TryDecode(bytes, out var error);

        Assert.Equal("Arr\u00eat \U0001F600", text);
        Assert.Null(error);
    }

    [Fact]
    public void TryDecode_Utf16WithByteOrderMark_Text()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("\u05e9\u05dc\u05d5\u05dd")).ToArray();

        Assert.Equal("\u05e9\u05dc\u05d5\u05dd", Utf8Text.TryDecode(bytes, out _));
    }
}
