using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// Maps the domain's refusals to problem details: a bad scenario or argument is 400 (with every
/// problem listed), an unknown thing 404, a wrong state (starting a running clock) 409.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            ScenarioValidationException => (StatusCodes.Status400BadRequest, "The scenario is not valid"),
            // Kestrel's body size limit (413) arrives as a bad request carrying its own status.
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Request too large"),
            BadHttpRequestException => (StatusCodes.Status400BadRequest, "Malformed request"),
            ArgumentException => (StatusCodes.Status400BadRequest, "Invalid request"),
            KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            InvalidOperationException => (StatusCodes.Status409Conflict, "Not possible now"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        var details = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        if (exception is ScenarioValidationException invalid)
        {
            details.Extensions["problems"] = invalid.Problems.Select(p => new { where = p.Where, message = p.Message, code = p.Code });
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
