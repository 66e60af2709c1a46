using System.Text;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Common.Paging;

namespace CleanAssistant.Application.Tests.Common.Paging;

public class CursorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(49)]
    [InlineData(123_456)]
    public void OffsetAfter_EncodedPosition_IsTheNextPosition(int position) =>
        Cursor.OffsetAfter(Cursor.Encode(position)).ShouldBe(position + 1);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void OffsetAfter_NoCursor_StartsAtTheBeginning(string? cursor) =>
        Cursor.OffsetAfter(cursor).ShouldBe(0);

    [Fact]
    public void Encode_DoesNotExposeThePositionInClearText() =>
        Cursor.Encode(42).ShouldNotContain("42");

    [Theory]
    [InlineData("not base64!")]
    [InlineData("42")]
    [InlineData("%%%%")]
    public void OffsetAfter_NonBase64_IsAValidationErrorOnAfter(string cursor) =>
        AssertRefused(cursor);

    [Theory]
    [InlineData("hello")]
    [InlineData("cursor:")]
    [InlineData("cursor:abc")]
    [InlineData("cursor:-1")]
    [InlineData("cursor: 5")]
    [InlineData("cursor:99999999999")]
    [InlineData("offset:5")]
    public void OffsetAfter_ForgedOrCorruptContent_IsAValidationErrorOnAfter(string content) =>
        AssertRefused(Convert.ToBase64String(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void OffsetAfter_LargestPosition_NeverGivesANegativeOffset()
    {
        var cursor = Cursor.Encode(int.MaxValue);

        try
        {
            Cursor.OffsetAfter(cursor).ShouldBeGreaterThanOrEqualTo(0);
        }
        catch (ValidationException)
        {
            // Refusing the cursor is as good as clamping it.
        }
    }

    private static void AssertRefused(string cursor)
    {
        var error = Should.Throw<ValidationException>(() => Cursor.OffsetAfter(cursor));

        error.Code.ShouldBe("VALIDATION");
        error.Failures.ShouldHaveSingleItem().Field.ShouldBe("after");
    }
}
