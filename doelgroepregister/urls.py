app_name = "doelgroepregister"
urlpatterns: list = []
