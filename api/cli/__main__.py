from api.cli import app

app(prog_name="gvi")
