"""URLs of the example project (none yet; the callbacks view is added with smtp.callbacks)."""

urlpatterns: list = []
