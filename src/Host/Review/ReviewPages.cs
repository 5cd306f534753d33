namespace Names.Host.Review;

/// <summary>
/// The analysts' review page under /review: server-rendered HTML that works with plain form posts (the script only
/// adds keyboard shortcuts), a cookie session opened with a reviewer key, and a CSRF token on every form.
/// </summary>
public static class ReviewPages
{
    public const string Root = "/review";

    public static void UseSecurityHeaders(IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Root), branch => branch.Use((context, next) =>
        {
            ReviewLayout.AddSecurityHeaders(context.Response);
            return next(context);
        }));

    public static void Map(IEndpointRouteBuilder app)
    {
        ReviewAssets.Map(app);
        SignInPages.Map(app);
        QueuePages.Map(app);
        EntityPages.Map(app);
    }
}
