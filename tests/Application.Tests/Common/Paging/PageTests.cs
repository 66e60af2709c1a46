using CleanAssistant.Application.Common.Paging;

namespace CleanAssistant.Application.Tests.Common.Paging;

public class PageTests
{
    [Fact]
    public void ToPage_WithOneRowMoreThanThePageSize_HasNextPageAndDropsTheExtraRow()
    {
        var page = new List<int> { 1, 2, 3, 4 }.ToPage(offset: 0, pageSize: 3);

        page.Items.ShouldBe([1, 2, 3]);
        page.HasNextPage.ShouldBeTrue();
    }

    [Fact]
    public void ToPage_WithExactlyThePageSize_HasNoNextPage()
    {
        var page = new List<int> { 1, 2, 3 }.ToPage(offset: 0, pageSize: 3);

        page.Items.ShouldBe([1, 2, 3]);
        page.HasNextPage.ShouldBeFalse();
    }

    [Fact]
    public void ToPage_WithNoRows_IsAnEmptyLastPage()
    {
        var page = new List<int>().ToPage(offset: 0, pageSize: 3);

        page.Items.ShouldBeEmpty();
        page.HasNextPage.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(50, true)]
    public void HasPreviousPage_WhenNotAtTheStart(int offset, bool expected) =>
        new List<int> { 1 }.ToPage(offset, pageSize: 10).HasPreviousPage.ShouldBe(expected);

    [Fact]
    public void CursorAt_LastItem_ContinuesRightAfterIt()
    {
        var page = new List<string> { "k", "l", "m", "n" }.ToPage(offset: 10, pageSize: 3);

        Cursor.OffsetAfter(page.CursorAt(page.Items.Count - 1)).ShouldBe(13);
    }
}
