using System.Globalization;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>REGISTER with a trunk (RFC 3261 10.2): digest challenges answered, refreshed at half the granted time, retried on failure.</summary>
public sealed partial class SipUserAgent
{
    /// <summary>Starts (or restarts) the registration <paramref name="request"/> names.</summary>
    public SipRegistration Register(RegistrationRequest request, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_registrations.Remove(request.Name, out SipRegistration? previous))
        {
            previous.NextAttempt = null;
        }

        var registration = new SipRegistration(request, _newId(), NewTag());
        _registrations.Add(request.Name, registration);
        SendRegister(registration, now);
        Drain(now);
        return registration;
    }

    /// <summary>Removes the binding (Expires: 0); the registration is forgotten when the registrar answers.</summary>
    public void Unregister(string name, TimeSpan now)
    {
        if (!_registrations.TryGetValue(name, out SipRegistration? registration) || registration.Removing)
        {
            return;
        }

        registration.Removing = true;
        registration.NextAttempt = null;
        if (registration.State == RegistrationState.Registered)
        {
            SendRegister(registration, now);
        }
        else
        {
            _registrations.Remove(name);
        }

        Drain(now);
    }

    private void SendRegister(SipRegistration registration, TimeSpan now, SipRequest? authenticated = null)
    {
        RegistrationRequest request = registration.Request;
        SipRequest register = authenticated ?? NewRegister(registration);
        registration.Sequence = register.CSeq!.Number;
        if (authenticated is null)
        {
            registration.ChallengesAnswered = 0;
        }

        StartClient(register, request.Destination, registration, now);
    }

    private SipRequest NewRegister(SipRegistration registration)
    {
        RegistrationRequest request = registration.Request;
        SipEndPoint local = LocalFor(request.Destination);
        long expires = registration.Removing ? 0 : (long)request.Expires.TotalSeconds;
        var headers = new List<(string, string)>
        {
            (SipHeaderNames.Via, NewVia(local)),
            (SipHeaderNames.MaxForwards, "70"),
            (SipHeaderNames.From, request.AddressOfRecord.WithTag(registration.Tag).ToString()),
            (SipHeaderNames.To, request.AddressOfRecord.ToString()),
            (SipHeaderNames.CallId, registration.CallId),
            (SipHeaderNames.CSeq, new CSeq(registration.Sequence + 1, "REGISTER").ToString()),
            (SipHeaderNames.Contact, Contact(request.ContactUser ?? request.AddressOfRecord.Uri.User, request.Destination)),
            (SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture)),
            (SipHeaderNames.UserAgent, Options.Product),
        };
        return new SipRequest("REGISTER", request.Registrar, new SipHeaders(headers.ToArray()));
    }

    private void OnRegisterResponse(SipRegistration registration, SipResponse response, TimeSpan now)
    {
        int status = response.StatusCode;
        if (status < 200 || !_registrations.TryGetValue(registration.Name, out SipRegistration? current) || !ReferenceEquals(current, registration))
        {
            return;
        }

        if (status is 401 or 407)
        {
            int rounds = registration.ChallengesAnswered;
            SipRequest? again = Authenticate(registration.Digest, NewRegister(registration), response, registration.Sequence + 1, ref rounds);
            registration.ChallengesAnswered = rounds;
            if (again is not null)
            {
                SendRegister(registration, now, again);
                return;
            }
        }

        registration.LastStatus = status;
        if (registration.Removing)
        {
            registration.State = RegistrationState.Unregistered;
            _registrations.Remove(registration.Name);
            _events.Enqueue(new RegistrationChanged(registration));
            return;
        }

        if (status is >= 200 and < 300)
        {
            TimeSpan granted = GrantedExpires(response, registration.Request.Expires);
            registration.GrantedExpires = granted;
            registration.State = RegistrationState.Registered;
            registration.NextAttempt = now + (granted / 2 > TimeSpan.FromSeconds(1) ? granted / 2 : TimeSpan.FromSeconds(1));
        }
        else
        {
            registration.State = RegistrationState.Failed;
            registration.NextAttempt = now + Options.RegistrationRetry;
        }

        _events.Enqueue(new RegistrationChanged(registration));
    }

    /// <summary>The registrar's grant: the expires of our Contact in the 2xx, else its Expires header, else what we asked.</summary>
    private static TimeSpan GrantedExpires(SipResponse response, TimeSpan asked)
    {
        foreach (NameAddress contact in response.Contacts)
        {
            if (contact.Parameters.Get("expires") is { } value && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return response.Expires is { } expires ? TimeSpan.FromSeconds(expires) : asked;
    }
}
