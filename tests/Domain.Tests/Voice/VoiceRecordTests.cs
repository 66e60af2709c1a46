using CleanAssistant.Domain.Common;
using CleanAssistant.Domain.Users;
using CleanAssistant.Domain.Voice;
using NodaTime;
using static CleanAssistant.Domain.Tests.Builders;

namespace CleanAssistant.Domain.Tests.Voice;

public class VoiceRecordTests
{
    [Fact]
    public void ReplaceCiphertexts_ReplacesWhatIsStored_ButCannotAddOrDropData()
    {
        var record = VoiceRecord.Create(VoiceRecordId.New(), UserId.New(), null, "pocketsphinx", 1, [1], Now, Now + Duration.FromDays(30));
        record.KeepReplyAudio([2], "audio/wav", Now + Duration.FromHours(24));

        record.ReplaceCiphertexts([3], null, [4]);

        record.Transcript.ShouldBe(new byte[] { 3 });
        record.ReplyAudio.ShouldBe(new byte[] { 4 });
        Should.Throw<DomainException>(() => record.ReplaceCiphertexts([5], [6], [7])).Code.ShouldBe("CIPHERTEXT_MISMATCH");
        Should.Throw<DomainException>(() => record.ReplaceCiphertexts([5], null, null)).Code.ShouldBe("CIPHERTEXT_MISMATCH");
        record.Transcript.ShouldBe(new byte[] { 3 });
        record.Audio.ShouldBeNull();
    }
}
