using CleanAssistant.Application.Voice;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>The local engine on synthetic speech: commands, the user's own names, concurrent callers and silence.</summary>
public sealed class PocketSphinxRecognizerTests(PocketSphinxFixture fixture) : IClassFixture<PocketSphinxFixture>
{
    [Theory]
    [InlineData("cancel my dentist appointment on friday")]
    [InlineData("what do i have next week")]
    [InlineData("book a haircut on saturday")]
    public async Task Recognize_SpokenCommand_IsHeardWordForWord(string sentence)
    {
        var transcript = await fixture.Recognizer.RecognizeAsync(fixture.Speak(sentence), RecognitionHints.None, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        WordErrors.Count(sentence, transcript.Text).ShouldBeLessThanOrEqualTo(1, transcript.Text);
    }

    [Fact]
    public async Task Recognize_UnusualNameInHints_IsHeard_AndWithoutHintsIsNot()
    {
        var audio = fixture.Speak("schedule a call with okonkwo on monday");

        var without = await fixture.Recognizer.RecognizeAsync(audio, RecognitionHints.None, CancellationToken.None);
        var with = await fixture.Recognizer.RecognizeAsync(audio, new RecognitionHints(["Dr. Okonkwo", "Siobhan", "Quarterly Offsite"]), CancellationToken.None);

        without.Text.ShouldNotContain("okonkwo");
        with.Text.ShouldContain("okonkwo");
        WordErrors.Count("schedule a call with okonkwo on monday", with.Text).ShouldBeLessThanOrEqualTo(1, with.Text);
    }

    [Fact]
    public async Task Recognize_ManyCallersAtOnce_EachGetsTheirOwnTranscript()
    {
        string[] sentences = ["remind me to call mom tonight", "cancel my dentist appointment on friday", "book a haircut on saturday", "what do i have next week"];
        var audio = sentences.Select(s => fixture.Speak(s)).ToList();

        var transcripts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            fixture.Recognizer.RecognizeAsync(audio[i % 4], RecognitionHints.None, CancellationToken.None)));

        for (var i = 0; i < transcripts.Length; i++)
        {
            WordErrors.Count(sentences[i % 4], transcripts[i].Text).ShouldBeLessThanOrEqualTo(1, transcripts[i].Text);
        }
    }

    [Fact]
    public async Task Recognize_Silence_GivesEmptyText()
    {
        var silence = new PcmAudio(new short[PcmAudio.StandardRate * 2]);

        var transcript = await fixture.Recognizer.RecognizeAsync(silence, RecognitionHints.None, CancellationToken.None);

        transcript.Text.ShouldBeEmpty();
    }

    [Fact]
    public async Task Recognize_AudioAtAnotherRate_IsAnEngineError()
    {
        var audio = new PcmAudio(new short[8_000], 8_000);

        await Should.ThrowAsync<SpeechEngineException>(() => fixture.Recognizer.RecognizeAsync(audio, RecognitionHints.None, CancellationToken.None));
    }
}
