namespace Faxgate.Sip.UserAgent;

public enum RegistrationState
{
    Registering,
    Registered,
    Failed,
    Unregistered,
}
