using CleanAssistant.Application.Interpretation;

namespace CleanAssistant.Application.Tests.Interpretation;

public sealed class NormalizerTests
{
    private static string Words(string text) => string.Join(' ', Normalizer.Tokenize(text).Select(t => t.Text));

    [Theory]
    [InlineData("Um, could you please book the gym?", "book the gym")]
    [InlineData("uh hey can you show my week", "show my week")]
    [InlineData("I'd like to plan a picnic", "plan a picnic")]
    public void Tokenize_DropsFillersAndPoliteness(string text, string expected) => Words(text).ShouldBe(expected);

    [Theory]
    [InlineData("twenty five minutes", 25)]
    [InlineData("forty-five minutes", 45)]
    [InlineData("seven", 7)]
    [InlineData("90 minutes", 90)]
    public void Tokenize_ReadsNumbersInWordsAndDigits(string text, int expected) =>
        Normalizer.Tokenize(text)[0].Number.ShouldBe(expected);

    [Theory]
    [InlineData("fifteenth", 15)]
    [InlineData("15th", 15)]
    [InlineData("twenty third", 23)]
    [InlineData("1st", 1)]
    public void Tokenize_ReadsOrdinals(string text, int expected)
    {
        var token = Normalizer.Tokenize(text).ShouldHaveSingleItem();
        token.Number.ShouldBe(expected);
        token.IsOrdinal.ShouldBeTrue();
    }

    [Fact]
    public void Tokenize_SplitsGluedMeridiemAndKeepsTheRawWordsForNames()
    {
        Words("Lunch with Zoë at 11:45AM").ShouldBe("lunch with zoë at 11:45 am");
        Normalizer.Tokenize("Lunch with Zoë")[2].Raw.ShouldBe("Zoë");
    }

    [Fact]
    public void Tokenize_DropsThePossessiveOfDayWordsOnly()
    {
        Words("Friday's review at Tom's").ShouldBe("friday review at tom's");
    }
}
