-- The GET callback with `Connection: close`: a new TCP connection for every callback.
local counter = 0
local headers = {["Connection"] = "close"}
request = function()
  counter = counter + 1
  local path = string.format(
    "%s?id=ad97e%03d-c923-4a1b-b3a3-0b1%09d:0&custom_response=false&timestamp=1710000042" ..
    "&mobile=919876500001&message=Message%%20delivered&status=delivered&phone_number=919876500001" ..
    "&error=&error_code=&ref=&ref1=&ref2=&price=0.01&whatsapp_number=918000000001",
    wrk.path, counter % 1000, counter)
  return wrk.format("GET", path, headers)
end
