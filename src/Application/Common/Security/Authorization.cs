namespace CleanAssistant.Application.Common.Security;

/// <summary>Marks a message that only a signed-in user may send.</summary>
public interface IRequireUser;

/// <summary>Marks a message that only an administrator may send.</summary>
public interface IRequireAdmin : IRequireUser;
