using Grpc.AspNetCore.Server;
using KpiGrpc.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Access;

/// <summary>
/// Authentication (API keys, and JWT bearer tokens giving the same <see cref="KpiClaims"/>),
/// a policy per role, and the role of each RPC from <see cref="RpcRoles"/> put on its endpoint as an [Authorize].
/// </summary>
public static class AccessExtensions
{
    /// <summary>The switch that lets a server without keys listen beyond loopback.</summary>
    public const string AllowAnonymousSwitch = "--allow-anonymous";

    public static IServiceCollection AddKpiAccess(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyRing>();
        services.AddHostedService<KeysFileWatcher>();
        services.AddSingleton<JwksFileWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<JwksFileWatcher>());
        // The authentication core only: AddAuthentication would add data protection (for cookies), which
        // writes a key ring at start that this server never uses.
        services.AddWebEncoders();
        services.AddAuthenticationCore(options => options.DefaultScheme = JwtBearerSetup.SelectorSchemeName);
        // AddJwtBearer would bind "Authentication:Schemes:Bearer" through AddAuthentication's services; the
        // scheme is configured from Kpi:Auth:Jwt instead (the post-configure still sets up OIDC discovery).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerPostConfigureOptions>());
        services.AddOptions<JwtBearerOptions>(JwtBearerSetup.SchemeName)
            .Configure<IOptions<AuthOptions>, JwksFileWatcher>((bearer, auth, jwks) => JwtBearerSetup.Configure(bearer, auth.Value.Jwt, jwks));
        new AuthenticationBuilder(services)
            .AddPolicyScheme(JwtBearerSetup.SelectorSchemeName, displayName: null, options => options.ForwardDefaultSelector = JwtBearerSetup.SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddScheme<JwtBearerOptions, JwtBearerHandler>(JwtBearerSetup.SchemeName, configureOptions: null);
        services.AddAuthorization(options =>
        {
            foreach (var role in KpiRoles.All)
            {
                options.AddPolicy(RpcRoles.PolicyName(role), policy => policy.RequireRole(role.Name(), KpiRole.Admin.Name()));
            }
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return services;
    }

    public static WebApplication UseKpiAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<KeyRevocation>();
        return app;
    }

    /// <summary>Each gRPC method of the service gets [Authorize] with the policy of its role in <see cref="RpcRoles"/>.</summary>
    public static GrpcServiceEndpointConventionBuilder RequireRpcRoles(this GrpcServiceEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is { } grpc)
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(RpcRoles.PolicyName(RpcRoles.RoleOf(grpc.Method.FullName))));
            }
        });
        return builder;
    }
}
