using CleanAssistant.Infrastructure.Voice.Audio;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>The first bytes decide the format; near misses are not taken for audio.</summary>
public sealed class AudioFormatSnifferTests
{
    [Theory]
    [InlineData("52494646 24080000 57415645 666d7420", "wav")]
    [InlineData("49443304 00000000 0021", "mp3")]
    [InlineData("fffb9064", "mp3")]
    [InlineData("fff38444", "mp3")]
    [InlineData("fff15080", "aac")]
    [InlineData("fff95080", "aac")]
    [InlineData("00000020 66747970 4d344120", "mp4")]
    [InlineData("00000018 66747970 69736f6d", "mp4")]
    [InlineData("664c6143 00000022", "flac")]
    [InlineData("4f676753 0002", "ogg")]
    [InlineData("1a45dfa3 9f4286", "webm")]
    public void KnownMagic_IsTheFormat(string hex, string format)
    {
        AudioFormatSniffer.Detect(Bytes(hex))?.Name.ShouldBe(format);
        AudioFormatSniffer.Detect(Bytes(hex)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("52494646 24080000 41564920")]
    [InlineData("49443305 00000000 0021")]
    [InlineData("49443304 00000080 0021")]
    [InlineData("fffbf064")]
    [InlineData("fffb9c64")]
    [InlineData("ffeb9064")]
    [InlineData("fff1f480")]
    [InlineData("89504e47 0d0a1a0a")]
    [InlineData("25504446 2d312e34")]
    [InlineData("3c21444f 43545950 45")]
    [InlineData("7b226964 223a")]
    [InlineData("664c61")]
    public void AnythingElse_IsNoFormat(string hex)
    {
        AudioFormatSniffer.Detect(Bytes(hex)).ShouldBeNull();
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
