using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

internal static class SipRoundTrip
{
    /// <summary>Same start line, typed values, header lines (but Content-Length, which the writer always sets) and body.</summary>
    public static void AssertSameValues(SipMessage expected, SipMessage actual)
    {
        switch (expected)
        {
            case SipRequest request:
                var otherRequest = Assert.IsType<SipRequest>(actual);
                Assert.Equal(request.Method, otherRequest.Method);
                Assert.Equal(request.RequestUri, otherRequest.RequestUri);
                break;
            case SipResponse response:
                var otherResponse = Assert.IsType<SipResponse>(actual);
                Assert.Equal(response.StatusCode, otherResponse.StatusCode);
                Assert.Equal(response.ReasonPhrase, otherResponse.ReasonPhrase);
                break;
        }

        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Vias, actual.Vias);
        Assert.Equal(expected.From, actual.From);
        Assert.Equal(expected.To, actual.To);
        Assert.Equal(expected.CallId, actual.CallId);
        Assert.Equal(expected.CSeq, actual.CSeq);
        Assert.Equal(expected.MaxForwards, actual.MaxForwards);
        Assert.Equal(expected.Contacts, actual.Contacts);
        Assert.Equal(expected.Routes, actual.Routes);
        Assert.Equal(expected.RecordRoutes, actual.RecordRoutes);
        Assert.Equal(expected.ContentType, actual.ContentType);
        Assert.Equal(expected.Expires, actual.Expires);
        Assert.Equal(expected.Headers.Without(SipHeaderNames.ContentLength), actual.Headers.Without(SipHeaderNames.ContentLength));
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        Assert.Equal(actual.Body.Length, actual.ContentLength);
    }
}
